import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import {
  ModalForm,
  ProFormRadio,
  ProFormText,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { Button, Form, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, showErrorOnForm } from '../../api/errors';
import { formatDateTime } from '../../components/format';
import { StatusTag, toValueEnum, type StatusOptions } from '../../components/status-tag';
import {
  dateRangeSearch,
  loadTablePage,
  splitTableParams,
  type TableParams,
} from '../../components/table-request';
import {
  developmentApi,
  useCreatePreregistration,
  useDevelopmentSettings,
  type AssociationType,
  type Preregistration,
  type PreregistrationStatus,
} from './development-queries';
import { InviteForm } from './development-invite-form';
import { listFilters } from './development-rules';

interface PreregistrationValues {
  customer_name: string;
  contact_name?: string;
  email?: string;
  mobile?: string;
  association_type: AssociationType;
}

/** 客户拓展 tab: pre-registered customers (SM-1) with 报备客户, 邀请 and 批量邀请. */
export function DevelopmentPreregistrations() {
  const { t } = useTranslation(['development', 'common']);
  const actionRef = useRef<ActionType>(null);
  const [form] = Form.useForm<PreregistrationValues>();
  const create = useCreatePreregistration();
  const settings = useDevelopmentSettings();
  const [creating, setCreating] = useState(false);
  const [inviting, setInviting] = useState<{ preregistration: Preregistration | null } | null>(
    null,
  );
  const referralEnabled = settings.data?.referral_enabled ?? false;

  const statusOptions: StatusOptions<PreregistrationStatus> = {
    in_review: { text: t('preregStatus.in_review'), tone: 'warning' },
    registered: { text: t('preregStatus.registered'), tone: 'processing' },
    rejected: { text: t('preregStatus.rejected'), tone: 'error' },
    expired: { text: t('preregStatus.expired'), tone: 'default' },
    associated: { text: t('preregStatus.associated'), tone: 'success' },
  };

  const columns: ProColumns<Preregistration>[] = [
    { title: t('prereg.customerName'), dataIndex: 'customer_name', ellipsis: true },
    { title: t('prereg.contactName'), dataIndex: 'contact_name', search: false },
    { title: t('prereg.mobile'), dataIndex: 'mobile', search: false },
    { title: t('prereg.email'), dataIndex: 'email', search: false },
    {
      title: t('prereg.status'),
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: toValueEnum(statusOptions),
      render: (_, row) => (
        <>
          <StatusTag value={row.status} options={statusOptions} />
          {row.opinion && <Typography.Text type="secondary">{row.opinion}</Typography.Text>}
        </>
      ),
    },
    {
      title: t('prereg.associationType'),
      dataIndex: 'association_type',
      search: false,
      render: (_, row) => t(`associationType.${row.association_type}`),
    },
    {
      title: t('prereg.createdAt'),
      dataIndex: 'created_at',
      valueType: 'dateRange',
      render: (_, row) => formatDateTime(row.created_at),
      search: dateRangeSearch('created_from', 'created_to'),
    },
    {
      title: t('prereg.expiresAt'),
      dataIndex: 'expires_at',
      search: false,
      render: (_, row) => formatDateTime(row.expires_at) || '-',
    },
    {
      title: t('prereg.createdBy'),
      dataIndex: ['created_by', 'user_name'],
      search: false,
    },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      render: (_, row) =>
        row.status === 'registered'
          ? [
              <a key="invite" onClick={() => setInviting({ preregistration: row })}>
                {t('invite.action')}
              </a>,
            ]
          : [],
    },
  ];

  return (
    <>
      <ProTable<Preregistration, TableParams>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        request={(params) => {
          const { page, filters: all } = splitTableParams(params);
          const filters = listFilters(all);
          return loadTablePage(async () => {
            const result = await developmentApi.preregistrations({ ...filters, ...page });
            return { rows: result.preregistrations, total: result.total_count };
          });
        }}
        form={{ syncToUrl: true }}
        search={{ labelWidth: 'auto' }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
        }}
        options={{ density: false, setting: true, reload: true }}
        headerTitle={t('prereg.listTitle')}
        tooltip={t('prereg.validity')}
        toolBarRender={() => [
          <Button
            key="invite"
            icon={<SendOutlined />}
            onClick={() => setInviting({ preregistration: null })}
          >
            {t('invite.batchAction')}
          </Button>,
          <Button
            key="create"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
          >
            {t('prereg.create')}
          </Button>,
        ]}
      />
      <ModalForm<PreregistrationValues>
        title={t('prereg.create')}
        open={creating}
        onOpenChange={setCreating}
        form={form}
        width={520}
        modalProps={{ destroyOnHidden: true }}
        initialValues={{ association_type: '2' }}
        onFinish={async (values) => {
          if (!values.email?.trim() && !values.mobile?.trim()) {
            form.setFields([{ name: 'email', errors: [t('prereg.contactRequired')] }]);
            return false;
          }
          try {
            const created = await create.mutateAsync(values);
            notifySuccess(
              t(created.status === 'in_review' ? 'prereg.createdInReview' : 'prereg.created', {
                name: created.customer_name,
              }),
            );
            void actionRef.current?.reload();
            return true;
          } catch (error) {
            showErrorOnForm(form, error);
            return false;
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t('prereg.validity')}</Typography.Paragraph>
        <ProFormText
          name="customer_name"
          label={t('prereg.customerName')}
          rules={[{ required: true, whitespace: true }]}
          fieldProps={{ maxLength: 128 }}
        />
        <ProFormText
          name="contact_name"
          label={t('prereg.contactName')}
          fieldProps={{ maxLength: 64 }}
        />
        <ProFormText
          name="email"
          label={t('prereg.email')}
          rules={[{ type: 'email' }]}
          fieldProps={{ maxLength: 64 }}
        />
        <ProFormText name="mobile" label={t('prereg.mobile')} fieldProps={{ maxLength: 32 }} />
        <ProFormRadio.Group
          name="association_type"
          label={t('prereg.associationType')}
          rules={[{ required: true }]}
          options={[
            { value: '2', label: t('associationType.2') },
            { value: '1', label: t('associationType.1'), disabled: !referralEnabled },
          ]}
        />
      </ModalForm>
      {inviting && (
        <InviteForm
          preregistration={inviting.preregistration}
          open
          onOpenChange={(open) => {
            if (!open) setInviting(null);
          }}
          onSent={() => void actionRef.current?.reload()}
        />
      )}
    </>
  );
}
