import { DownloadOutlined } from '@ant-design/icons';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, Dropdown, Empty, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../access';
import { reportError } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import type { ResellerCustomer, ResellerCustomerQuery } from '../../api/types';
import { loadTablePage, splitTableParams, type TableParams } from '../../components/table-request';
import { AssociationTag, associationTypeEnum, managerText, verifiedText } from './customer-columns';
import { toResellerCustomerQuery } from './customer-rules';
import { exportResellerCustomers, resellerCustomerQueries, useResellerOptions } from './queries';

/**
 * 云经销商的客户 (P-14, distributors only): the customers of the distributor's resellers, one
 * reseller at a time through 云经销商名称 or all together. Read-only: contacts stay masked (there
 * is no reveal for another partner's customers) and the rows open no detail page.
 */
export function ResellerCustomerList() {
  const { t } = useTranslation(['customers', 'common']);
  const access = useAccess();
  const resellers = useResellerOptions().data?.resellers ?? [];
  const [filters, setFilters] = useState<ResellerCustomerQuery>({});
  const [exporting, setExporting] = useState(false);

  const runExport = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      await exportResellerCustomers(format, filters);
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const columns: ProColumns<ResellerCustomer>[] = [
    {
      title: t('fields.reseller'),
      dataIndex: 'reseller_id',
      valueType: 'select',
      width: 200,
      fixed: 'left',
      fieldProps: {
        showSearch: true,
        optionFilterProp: 'label',
        options: resellers.map((reseller) => ({
          value: reseller.id,
          label: `${reseller.company_name} (${reseller.name})`,
        })),
      },
      render: (_, row) => (
        <Space direction="vertical" size={0}>
          <span>{row.reseller.company_name}</span>
          <Typography.Text type="secondary">{row.reseller.name}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('fields.keyword'),
      dataIndex: 'keyword',
      hideInTable: true,
      fieldProps: { placeholder: t('keywordPlaceholder') },
    },
    {
      title: t('fields.customer'),
      dataIndex: 'account_name',
      search: false,
      width: 220,
      render: (_, row) => (
        <Space direction="vertical" size={0}>
          <span>{row.account_name}</span>
          {row.customer_name && (
            <Typography.Text type="secondary">{row.customer_name}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('fields.customerId'),
      dataIndex: 'customer_id',
      search: false,
      width: 200,
      ellipsis: true,
      copyable: true,
    },
    {
      title: t('fields.associationType'),
      dataIndex: 'association_type',
      valueType: 'select',
      width: 120,
      valueEnum: associationTypeEnum(t),
      render: (_, row) => <AssociationTag t={t} value={row.association_type} />,
    },
    {
      title: t('fields.associatedOn'),
      dataIndex: 'associated_on',
      valueType: 'dateTime',
      search: false,
      width: 170,
    },
    {
      title: t('fields.accountManager'),
      dataIndex: 'account_manager',
      search: false,
      width: 180,
      render: (_, row) => managerText(row.account_manager),
    },
    { title: t('fields.mobile'), dataIndex: 'mobile', search: false, width: 170 },
    { title: t('fields.email'), dataIndex: 'email', search: false, width: 230 },
    {
      title: t('fields.label'),
      dataIndex: 'label',
      width: 120,
      render: (_, row) => (row.label ? <Tag>{row.label}</Tag> : '-'),
    },
    {
      title: t('fields.verifiedStatus'),
      dataIndex: 'verified_status',
      search: false,
      width: 120,
      render: (_, row) => verifiedText(t, row.verified_status),
    },
    {
      title: t('fields.frozen'),
      dataIndex: 'is_frozen',
      search: false,
      width: 100,
      render: (_, row) =>
        row.is_frozen ? <Tag color="error">{t('frozen')}</Tag> : <Tag>{t('normal')}</Tag>,
    },
  ];

  return (
    <ProTable<ResellerCustomer, TableParams>
      rowKey="customer_id"
      columns={columns}
      request={(params) => {
        const { page, filters: current } = splitTableParams(params);
        const query = toResellerCustomerQuery(current);
        setFilters(query);
        return loadTablePage(async () => {
          const result = await queryClient.query(
            resellerCustomerQueries.list({ ...query, ...page }),
          );
          return { rows: result.customers, total: result.total_count };
        });
      }}
      form={{
        // The page's tab lives in the URL beside the filters; writing the filters keeps it.
        syncToUrl: (values, type) => (type === 'get' ? values : { ...values, tab: 'resellers' }),
      }}
      search={{ labelWidth: 'auto' }}
      pagination={{
        defaultPageSize: 20,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
      }}
      scroll={{ x: 1800 }}
      options={{ density: false, setting: true, reload: true }}
      headerTitle={t('resellerCustomers.listTitle')}
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              resellers.length === 0
                ? t('resellerCustomers.noResellers')
                : t('resellerCustomers.empty')
            }
          />
        ),
      }}
      toolBarRender={() => [
        access.canExportCustomers && (
          <Dropdown
            key="export"
            menu={{
              items: [
                { key: 'csv', label: t('exportCsv') },
                { key: 'xlsx', label: t('exportXlsx') },
              ],
              onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx'),
            }}
          >
            <Button icon={<DownloadOutlined />} loading={exporting}>
              {t('common:actions.export')}
            </Button>
          </Dropdown>
        ),
      ]}
    />
  );
}
