import { DownloadOutlined, LinkOutlined } from '@ant-design/icons';
import { ProCard } from '@ant-design/pro-components';
import { Alert, App, Button, Descriptions, Empty, Image, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { notifySuccess, reportError } from '../../api/errors';
import {
  downloadQrCode,
  invitationPageUrl,
  qrCodeUrl,
  useDevelopmentSettings,
  useGenerateLink,
  useInvitationAction,
  useOfflineLinks,
  type AssociationType,
  type Invitation,
} from './development-queries';

/**
 * 线下拓展 tab (R-CUS-10): the member's standing invitation link and QR code per association type.
 * The link never expires; it can be retired (a leaked QR code) and generated anew.
 */
export function DevelopmentOffline() {
  const { t } = useTranslation('development');
  const settings = useDevelopmentSettings();
  const links = useOfflineLinks();
  if (links.isPending || settings.isPending) return <Spin />;
  const types: AssociationType[] = ['2', '1'];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('offline.intro')} />
      <ProCard gutter={16} wrap>
        {types.map((type) => (
          <ProCard
            key={type}
            colSpan={{ xs: 24, md: 12 }}
            bordered
            title={t('offline.cardTitle', { type: t(`associationType.${type}`) })}
          >
            {type === '1' && !settings.data?.referral_enabled ? (
              <Empty description={t('offline.referralDisabled')} />
            ) : (
              <OfflineLinkCard
                type={type}
                link={links.data?.invitations.find((row) => row.association_type === type)}
              />
            )}
          </ProCard>
        ))}
      </ProCard>
    </Space>
  );
}

function OfflineLinkCard({ type, link }: { type: AssociationType; link: Invitation | undefined }) {
  const { t } = useTranslation('development');
  const { modal } = App.useApp();
  const generate = useGenerateLink();
  const action = useInvitationAction();
  if (!link?.token) {
    return (
      <Empty description={false}>
        <Button
          type="primary"
          icon={<LinkOutlined />}
          loading={generate.isPending}
          onClick={() => generate.mutate(type)}
        >
          {t('offline.generate')}
        </Button>
      </Empty>
    );
  }
  const url = invitationPageUrl(link.token);
  const typeName = t(`associationType.${type}`);
  const confirmRetire = () => {
    void modal.confirm({
      title: t('offline.revokeConfirm', { type: typeName }),
      content: t('offline.revokeHint'),
      okText: t('offline.revoke'),
      okButtonProps: { danger: true },
      onOk: async () => {
        await action.mutateAsync({ id: link.id, action: 'revoke' });
        notifySuccess(t('invitation.revoked'));
      },
    });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('offline.tag')}>
          {link.tag || t('offline.noTag')}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph
        copyable={{ text: url, tooltips: [t('offline.copy'), t('offline.copied')] }}
        data-testid={`invitation-link-${type}`}
        style={{ wordBreak: 'break-all' }}
      >
        {url}
      </Typography.Paragraph>
      <Image src={qrCodeUrl(link.id)} width={200} alt="QR code" preview={false} />
      <Space>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => {
            downloadQrCode(link.id).catch(reportError);
          }}
        >
          {t('offline.downloadQr')}
        </Button>
        <Button danger onClick={confirmRetire}>
          {t('offline.revoke')}
        </Button>
      </Space>
    </Space>
  );
}
