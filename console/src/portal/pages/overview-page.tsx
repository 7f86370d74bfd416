import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format';
import { PageShell } from '../../components/page-shell';
import { portalQueries, type PortalAccount, type VerifiedStatus } from '../api';

const verifiedColors: Record<VerifiedStatus, string> = {
  '-1': 'default',
  '0': 'processing',
  '1': 'error',
  '2': 'success',
};

/** 我的账号: who the signed-in customer is and its association with its partner. */
export function PortalOverviewPage() {
  const { t } = useTranslation('portal');
  const account = useQuery(portalQueries.account());

  return (
    <PageShell title={t('overview.title')}>
      {account.data ? (
        <AccountCards account={account.data} />
      ) : (
        <Card>
          <Skeleton active />
        </Card>
      )}
    </PageShell>
  );
}

function AccountCards({ account }: { account: PortalAccount }) {
  const { t } = useTranslation('portal');
  const { association } = account;
  const orNone = (value: string) =>
    value === '' ? <Typography.Text type="secondary">{t('overview.none')}</Typography.Text> : value;
  const isDisassociated = association.status === 'disassociated';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('overview.account')}>
        <Descriptions column={{ xs: 1, md: 2 }} data-testid="portal-account">
          <Descriptions.Item label={t('overview.accountName')}>
            {account.account_name}
          </Descriptions.Item>
          <Descriptions.Item label={t('overview.customerId')}>
            <Typography.Text copyable className="huoban-secret">
              {account.customer_id}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('overview.customerName')}>
            {orNone(account.customer_name)}
          </Descriptions.Item>
          <Descriptions.Item label={t('overview.verifiedStatus')}>
            <Tag color={verifiedColors[account.verified_status]}>
              {t(`overview.verified.${account.verified_status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('overview.email')}>{orNone(account.email)}</Descriptions.Item>
          <Descriptions.Item label={t('overview.mobile')}>
            {orNone(account.mobile)}
          </Descriptions.Item>
          <Descriptions.Item label={t('overview.frozen')}>
            {account.is_frozen ? (
              <Tag color="warning">{t('overview.yes')}</Tag>
            ) : (
              <Tag>{t('overview.no')}</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('overview.lastLoginAt')}>
            {formatDateTime(account.last_login_at)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('overview.association')}>
        {isDisassociated && (
          <Alert
            type="info"
            showIcon
            message={t('overview.disassociatedHint')}
            style={{ marginBottom: 16 }}
          />
        )}
        <Descriptions column={{ xs: 1, md: 2 }} data-testid="portal-association">
          <Descriptions.Item label={t('overview.partnerName')}>
            {association.partner_name}
          </Descriptions.Item>
          <Descriptions.Item label={t('overview.associationType')}>
            {t(`overview.associationTypes.${association.association_type}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('overview.associatedOn')}>
            {formatDateTime(association.associated_on)}
          </Descriptions.Item>
          <Descriptions.Item label={t('overview.status')}>
            <Tag color={isDisassociated ? 'default' : 'success'}>
              {t(`overview.statuses.${association.status}`)}
            </Tag>
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}
