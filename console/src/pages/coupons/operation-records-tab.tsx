import { DownloadOutlined } from '@ant-design/icons';
import type { ProColumns } from '@ant-design/pro-components';
import { Button, Dropdown, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { reportError } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import { formatDateTime } from '../../components/format';
import { ListTable } from '../../components/list-table';
import { Money } from '../../components/money';
import {
  couponQueries,
  exportOperationRecords,
  toOperationRecordQuery,
  type OperationRecord,
  type OperationRecordQuery,
} from './queries';

const operationTypes = ['1', '2', '10', '11'] as const;
const typeColors: Record<string, string> = {
  '1': 'green',
  '2': 'orange',
  '10': 'blue',
  '11': 'purple',
};

/**
 * 操作记录 (P-17, R-COUP-10/11): coupon issues and reclaims and, for a distributor, quota issues
 * and reclaims, filtered by 操作时间, 客户名称 / 云经销商名称, 额度编号 and 操作员, with the
 * issuer's remark, paging and the server's CSV/XLSX export (customer names masked).
 */
export function OperationRecordsTab({ isDistributor }: { isDistributor: boolean }) {
  const { t } = useTranslation(['coupons', 'common']);
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<OperationRecordQuery>({});
  const [exporting, setExporting] = useState(false);

  const runExport = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      await exportOperationRecords(format, filters);
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const columns: ProColumns<OperationRecord>[] = [
    {
      title: t('records.operationTime'),
      dataIndex: 'operation_time',
      width: 170,
      search: false,
      render: (_, record) => formatDateTime(record.operation_time),
    },
    {
      title: t('records.operationTime'),
      dataIndex: 'operation_range',
      valueType: 'dateTimeRange',
      hideInTable: true,
      search: {
        transform: (value: [string, string]) => ({
          operation_time_begin: value[0],
          operation_time_end: value[1],
        }),
      },
    },
    {
      title: t('records.operationType'),
      dataIndex: 'operation_type',
      width: 120,
      search: false,
      render: (_, record) => (
        <Tag color={typeColors[record.operation_type]}>
          {operationTypes.includes(record.operation_type as (typeof operationTypes)[number])
            ? t(`records.types.${record.operation_type as (typeof operationTypes)[number]}`)
            : record.operation_type}
        </Tag>
      ),
    },
    {
      title: t('records.kind'),
      dataIndex: 'kind',
      hideInTable: true,
      search: isDistributor ? undefined : false,
      valueType: 'select',
      valueEnum: {
        coupon: { text: t('records.kinds.coupon') },
        quota: { text: t('records.kinds.quota') },
      },
    },
    {
      title: t('records.name'),
      dataIndex: 'name',
      width: 200,
      render: (_, record) => record.customer_name || record.indirect_partner_name || '-',
    },
    {
      title: t('records.quotaId'),
      dataIndex: 'quota_id',
      width: 250,
      copyable: true,
    },
    {
      title: t('records.sourceQuota'),
      dataIndex: 'parent_quota_id',
      width: 250,
      search: false,
      hideInTable: !isDistributor,
      render: (_, record) => record.parent_quota_id || '-',
    },
    {
      title: t('records.couponId'),
      dataIndex: 'coupon_id',
      width: 250,
      search: false,
      render: (_, record) => record.coupon_id || '-',
    },
    {
      title: t('records.amount'),
      dataIndex: 'amount',
      width: 140,
      align: 'right',
      search: false,
      render: (_, record) => <Money value={record.amount} currency={record.currency} />,
    },
    {
      title: t('records.balanceAfter'),
      dataIndex: 'balance_after',
      width: 140,
      align: 'right',
      search: false,
      render: (_, record) => <Money value={record.balance_after} currency={record.currency} />,
    },
    { title: t('records.operator'), dataIndex: 'operator', width: 200 },
    {
      title: t('records.remark'),
      dataIndex: 'remark',
      ellipsis: true,
      search: false,
      render: (_, record) => record.remark || '-',
    },
  ];

  return (
    <ListTable<OperationRecord>
      rowKey="id"
      columns={columns}
      load={async (current, page) => {
        const query = toOperationRecordQuery(current);
        setFilters(query);
        const result = await queryClient.query(couponQueries.records({ ...query, ...page }));
        return { rows: result.records, total: result.total_count };
      }}
      form={{
        // The filters live in the URL beside the page's `tab`, so a link can open a quota's log.
        syncToUrl: (values, type) =>
          type === 'get' ? values : { ...values, tab: params.get('tab') ?? 'records' },
      }}
      emptyText={t('records.empty')}
      scroll={{ x: 2100 }}
      toolBarRender={() => [
        <Dropdown
          key="export"
          menu={{
            items: [
              { key: 'csv', label: t('records.exportCsv') },
              { key: 'xlsx', label: t('records.exportXlsx') },
            ],
            onClick: ({ key }) => void runExport(key as 'csv' | 'xlsx'),
          }}
        >
          <Button icon={<DownloadOutlined />} loading={exporting}>
            {t('common:actions.export')}
          </Button>
        </Dropdown>,
      ]}
    />
  );
}
