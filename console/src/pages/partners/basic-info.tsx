import { EditOutlined } from '@ant-design/icons';
import {
  ModalForm,
  ProCard,
  ProDescriptions,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import { Button, Form, Result, Spin, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../access';
import { notifySuccess, showErrorOnForm } from '../../api/errors';
import type { PartnerProfile, PartnerProfileUpdate } from '../../api/types';
import { PageShell } from '../../components/page-shell';
import { SensitiveValue } from '../../components/sensitive';
import { StatusTag } from '../../components/status-tag';
import {
  useOperationVerification,
  useSetOperationVerification,
} from '../../components/verification-code';
import { partnerStatusOptions, partnerTypeText } from './partner-labels';
import { OwnBudgetQuotaCard } from '../resellers/budget-quota';
import { usePartnerProfile, useUpdatePartnerProfile } from './queries';

/**
 * 伙伴信息 > 基本信息 (P-80): the company information of the partner account, the 验证码验证 switch
 * (X4) and, for a reseller, the 预算额度 its distributor granted (R-FUND-11).
 */
export function BasicInfoPage() {
  const { t } = useTranslation(['partners', 'common']);
  const access = useAccess();
  const profile = usePartnerProfile();

  return (
    <PageShell title={t('basic.title')} content={t('basic.intro')}>
      {profile.isPending ? (
        <Spin />
      ) : profile.data ? (
        <ProCard
          title={t('basic.companyInfo')}
          headerBordered
          extra={access.canEditPartnerInfo && <EditProfileForm profile={profile.data} />}
        >
          <ProfileDescriptions profile={profile.data} />
        </ProCard>
      ) : (
        <Result status="warning" title={t('basic.loadFailed')} />
      )}
      <OperationVerificationCard />
      {access.canCooperateWithDistributor && <OwnBudgetQuotaCard />}
    </PageShell>
  );
}

function ProfileDescriptions({ profile }: { profile: PartnerProfile }) {
  const { t } = useTranslation(['partners', 'common']);
  return (
    <ProDescriptions<PartnerProfile> column={2} dataSource={profile}>
      <ProDescriptions.Item label={t('fields.name')} dataIndex="name" copyable />
      <ProDescriptions.Item label={t('fields.companyName')} dataIndex="company_name" />
      <ProDescriptions.Item label={t('fields.partnerType')}>
        {partnerTypeText(t, profile.partner_type)}
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('fields.status')}>
        <StatusTag value={profile.status} options={partnerStatusOptions(t)} />
      </ProDescriptions.Item>
      <ProDescriptions.Item
        label={t('fields.xaccountType')}
        tooltip={t('basic.xaccountTypeHint')}
        dataIndex="xaccount_type"
        copyable
      />
      <ProDescriptions.Item label={t('fields.program')}>
        {profile.program?.name ?? '-'}
      </ProDescriptions.Item>
      {profile.parent && (
        <ProDescriptions.Item label={t('fields.parent')}>
          {profile.parent.name}
        </ProDescriptions.Item>
      )}
      <ProDescriptions.Item label={t('fields.contactName')} dataIndex="contact_name" />
      <ProDescriptions.Item label={t('fields.email')}>
        <SensitiveValue value={profile.email} kind="email" />
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('fields.phone')}>
        <SensitiveValue value={profile.phone} kind="phone" />
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('fields.industry')} dataIndex="industry" />
      <ProDescriptions.Item label={t('fields.website')} dataIndex="website" />
      <ProDescriptions.Item label={t('fields.address')} dataIndex="address" span={2} />
      <ProDescriptions.Item label={t('fields.description')} dataIndex="description" span={2} />
      <ProDescriptions.Item
        label={t('fields.createdAt')}
        dataIndex="created_at"
        valueType="dateTime"
      />
    </ProDescriptions>
  );
}

type ProfileValues = Required<PartnerProfileUpdate>;

function EditProfileForm({ profile }: { profile: PartnerProfile }) {
  const { t } = useTranslation(['partners', 'common']);
  const [form] = Form.useForm<ProfileValues>();
  const update = useUpdatePartnerProfile();
  return (
    <ModalForm<ProfileValues>
      title={t('basic.editTitle')}
      form={form}
      width={640}
      modalProps={{ destroyOnHidden: true }}
      trigger={<Button icon={<EditOutlined />}>{t('common:actions.edit')}</Button>}
      initialValues={{
        company_name: profile.company_name,
        contact_name: profile.contact_name,
        phone: profile.phone,
        industry: profile.industry,
        website: profile.website,
        address: profile.address,
        description: profile.description,
      }}
      onFinish={async (values) => {
        try {
          await update.mutateAsync(values);
          notifySuccess(t('common:saved'));
          return true;
        } catch (error) {
          showErrorOnForm(form, error);
          return false;
        }
      }}
      grid
      rowProps={{ gutter: 16 }}
    >
      <ProFormText
        name="company_name"
        label={t('fields.companyName')}
        colProps={{ span: 24 }}
        rules={[
          { required: true, whitespace: true, message: t('rules.companyName') },
          { max: 255 },
        ]}
      />
      <ProFormText
        name="contact_name"
        label={t('fields.contactName')}
        colProps={{ span: 12 }}
        rules={[{ max: 64 }]}
      />
      <ProFormText
        name="industry"
        label={t('fields.industry')}
        colProps={{ span: 12 }}
        rules={[{ max: 64 }]}
      />
      <ProFormText
        name="phone"
        label={t('fields.phone')}
        colProps={{ span: 24 }}
        rules={[{ pattern: /^\+?[0-9][0-9 -]{4,30}$/, message: t('rules.phone') }]}
      />
      <ProFormText
        name="website"
        label={t('fields.website')}
        colProps={{ span: 24 }}
        rules={[{ type: 'url', message: t('rules.website') }, { max: 255 }]}
      />
      <ProFormText
        name="address"
        label={t('fields.address')}
        colProps={{ span: 24 }}
        rules={[{ max: 512 }]}
      />
      <ProFormTextArea
        name="description"
        label={t('fields.description')}
        colProps={{ span: 24 }}
        fieldProps={{ autoSize: { minRows: 3, maxRows: 6 } }}
      />
    </ModalForm>
  );
}

/** 验证码验证 (X4): the main account switches it; other members see whether it is on. */
function OperationVerificationCard() {
  const { t } = useTranslation('funds');
  const { isOwner } = useAccess();
  const setting = useOperationVerification();
  const update = useSetOperationVerification();
  const enabled = setting.data?.enabled ?? false;
  return (
    <ProCard title={t('verification.title')} headerBordered style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('verification.intro')}</Typography.Paragraph>
      <Switch
        checked={enabled}
        loading={setting.isPending || update.isPending}
        disabled={!isOwner}
        checkedChildren={t('verification.enabled')}
        unCheckedChildren={t('verification.disabled')}
        aria-label={t('verification.title')}
        onChange={(checked) =>
          update.mutate(checked, {
            onSuccess: () =>
              notifySuccess(t(checked ? 'verification.turnedOn' : 'verification.turnedOff')),
          })
        }
      />
      {!isOwner && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('verification.ownerOnly')}
        </Typography.Paragraph>
      )}
    </ProCard>
  );
}
