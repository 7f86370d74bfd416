import { UserAddOutlined } from '@ant-design/icons';
import {
  ModalForm,
  ProFormText,
  ProFormTextArea,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { Button } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import type { CsvColumn } from '../../components/csv';
import { ExportButton } from '../../components/export-button';
import { formatDateTime } from '../../components/format';
import {
  fetchAllRows,
  loadTablePage,
  splitTableParams,
  type TableParams,
} from '../../components/table-request';
import { BudgetQuotaForm } from './budget-quota';
import { ResellerRightsDialog } from './reseller-rights';
import { resellerQueries, useInviteReseller } from './queries';
import type { Reseller } from './types';

async function loadResellers(
  filters: Record<string, string>,
  page: { offset: number; limit: number },
) {
  const result = await queryClient.query(resellerQueries.list({ ...filters, ...page }));
  return { rows: result.resellers, total: result.total_count };
}

/** Tab 我的云经销商: the resellers bound to the distributor, searchable and exportable. */
export function ResellerListTab() {
  const { t } = useTranslation(['resellers', 'common', 'budgets']);
  const actionRef = useRef<ActionType>(null);
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [inviting, setInviting] = useState(false);
  const invite = useInviteReseller();
  const [granting, setGranting] = useState<Reseller | null>(null);
  const [authorizing, setAuthorizing] = useState<Reseller | null>(null);

  const columns: ProColumns<Reseller>[] = [
    {
      title: t('fields.keyword'),
      dataIndex: 'keyword',
      hideInTable: true,
      fieldProps: { placeholder: t('list.keywordPlaceholder') },
    },
    { title: t('fields.companyName'), dataIndex: 'company_name', search: false, ellipsis: true },
    { title: t('fields.accountName'), dataIndex: 'name', search: false, copyable: true },
    { title: t('fields.phone'), dataIndex: 'phone', search: false },
    { title: t('fields.email'), dataIndex: 'email', search: false, ellipsis: true },
    {
      title: t('fields.associatedOn'),
      dataIndex: 'associated_on',
      valueType: 'dateTime',
      search: false,
    },
    {
      title: t('common:actions.operation'),
      valueType: 'option',
      width: 160,
      render: (_, reseller) => [
        <a key="budget-quota" onClick={() => setGranting(reseller)}>
          {t('budgets:quota.action')}
        </a>,
        <a key="rights" onClick={() => setAuthorizing(reseller)}>
          {t('rights.action')}
        </a>,
      ],
    },
  ];

  const csvColumns: CsvColumn<Reseller>[] = [
    { title: t('fields.companyName'), value: (row) => row.company_name },
    { title: t('fields.accountName'), value: (row) => row.name },
    { title: t('fields.resellerId'), value: (row) => row.id },
    { title: t('fields.phone'), value: (row) => row.phone },
    { title: t('fields.email'), value: (row) => row.email },
    { title: t('fields.associatedOn'), value: (row) => formatDateTime(row.associated_on) },
  ];

  return (
    <>
      <ProTable<Reseller, TableParams>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        request={(params) => {
          const { page, filters: current } = splitTableParams(params);
          setFilters(current);
          return loadTablePage(() => loadResellers(current, page));
        }}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 10, showSizeChanger: true }}
        options={{ density: false, setting: true, reload: true }}
        headerTitle={t('list.title')}
        toolBarRender={() => [
          <Button
            key="invite"
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => setInviting(true)}
          >
            {t('invite.action')}
          </Button>,
          <ExportButton
            key="export"
            fileName={t('list.exportName')}
            columns={csvColumns}
            fetchRows={() => fetchAllRows((page) => loadResellers(filters, page))}
          />,
        ]}
      />
      {granting && <BudgetQuotaForm reseller={granting} onClose={() => setGranting(null)} />}
      {authorizing && (
        <ResellerRightsDialog reseller={authorizing} onClose={() => setAuthorizing(null)} />
      )}
      <ModalForm<{ reseller_account_name: string; message?: string }>
        title={t('invite.title')}
        open={inviting}
        onOpenChange={setInviting}
        width={520}
        modalProps={{ destroyOnHidden: true }}
        onFinish={async (values) => {
          try {
            await invite.mutateAsync({
              reseller_account_name: values.reseller_account_name.trim(),
              message: values.message?.trim() || undefined,
            });
            notifySuccess(t('invite.done', { name: values.reseller_account_name.trim() }));
            return true;
          } catch {
            return false;
          }
        }}
      >
        <ProFormText
          name="reseller_account_name"
          label={t('fields.accountName')}
          extra={t('invite.hint')}
          rules={[
            { required: true, whitespace: true, message: t('invite.accountRequired') },
            { pattern: /^\s*[A-Za-z0-9_-]{3,64}\s*$/, message: t('invite.accountPattern') },
          ]}
        />
        <ProFormTextArea
          name="message"
          label={t('fields.message')}
          rules={[{ max: 512, message: t('messageMax') }]}
          fieldProps={{ autoSize: { minRows: 2, maxRows: 5 } }}
        />
      </ModalForm>
    </>
  );
}
