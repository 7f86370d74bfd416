import { DownloadOutlined } from '@ant-design/icons';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, Dropdown, Empty } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { reportError } from '../../api/errors';
import { queryClient } from '../../api/query-client';
import { formatDateTime } from '../../components/format';
import { Money } from '../../components/money';
import { PageShell } from '../../components/page-shell';
import { loadTablePage, splitTableParams, type TableParams } from '../../components/table-request';
import {
  adjustOperationTypes,
  adjustRecordQueries,
  exportAdjustRecords,
  toAdjustRecordQuery,
  type AdjustRecord,
  type AdjustRecordQuery,
} from './adjust-records-queries';

/**
 * 销售 > 账务 > 调账记录 (P-14): the 拨款 / 回收 records of the partner's resale customers in the
 * user's data scope, filtered by customer, operation and time, with paging and the server's
 * CSV/XLSX export (customer names masked).
 */
export function AdjustRecordsPage() {
  const { t } = useTranslation(['funds', 'common']);
  const [filters, setFilters] = useState<AdjustRecordQuery>({});
  const [exporting, setExporting] = useState(false);
  const operationText = (type: string) =>
    t(`adjustRecords.operationTypes.${type}`, { defaultValue: type });

  const runExport = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      await exportAdjustRecords(format, filters);
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const columns: ProColumns<AdjustRecord>[] = [
    {
      title: t('adjustRecords.fields.operationTime'),
      dataIndex: 'operation_time',
      width: 170,
      search: false,
      render: (_, record) => formatDateTime(record.operation_time),
    },
    {
      title: t('adjustRecords.fields.operationTime'),
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
      title: t('adjustRecords.fields.customer'),
      dataIndex: 'customer_id',
      width: 260,
      render: (_, record) => (
        <Link to={`/sales/customers/detail/${encodeURIComponent(record.customer_id)}`}>
          {record.customer_id}
        </Link>
      ),
    },
    {
      title: t('adjustRecords.fields.customerName'),
      dataIndex: 'customer_name',
      width: 180,
      search: false,
    },
    {
      title: t('adjustRecords.fields.operationType'),
      dataIndex: 'operation_type',
      width: 120,
      valueType: 'select',
      valueEnum: Object.fromEntries(
        adjustOperationTypes.map((type) => [type, { text: operationText(type) }]),
      ),
      render: (_, record) => operationText(record.operation_type),
    },
    {
      title: t('adjustRecords.fields.amount'),
      dataIndex: 'amount',
      width: 150,
      align: 'right',
      search: false,
      render: (_, record) => <Money value={record.amount} currency={record.currency} />,
    },
    {
      title: t('adjustRecords.fields.transId'),
      dataIndex: 'trans_id',
      width: 260,
      copyable: true,
    },
    {
      title: t('adjustRecords.fields.memo'),
      dataIndex: 'memo',
      ellipsis: true,
      search: false,
      render: (_, record) => record.memo || '-',
    },
  ];

  return (
    <PageShell title={t('adjustRecords.title')} content={t('adjustRecords.intro')}>
      <ProTable<AdjustRecord, TableParams>
        rowKey="trans_id"
        columns={columns}
        request={(params) => {
          const { page, filters: current } = splitTableParams(params);
          const query = toAdjustRecordQuery(current);
          setFilters(query);
          return loadTablePage(async () => {
            const result = await queryClient.query(adjustRecordQueries.list({ ...query, ...page }));
            return { rows: result.records, total: result.total_count };
          });
        }}
        form={{ syncToUrl: true }}
        search={{ labelWidth: 'auto' }}
        pagination={{
          defaultPageSize: 10,
          showSizeChanger: true,
          // ListPartnerAdjustRecords serves at most 100 records a page.
          pageSizeOptions: [10, 20, 50, 100],
        }}
        locale={{ emptyText: <Empty description={t('adjustRecords.empty')} /> }}
        options={{ density: false, setting: true, reload: true }}
        scroll={{ x: 1400 }}
        toolBarRender={() => [
          <Dropdown
            key="export"
            menu={{
              items: [
                { key: 'csv', label: t('adjustRecords.exportCsv') },
                { key: 'xlsx', label: t('adjustRecords.exportXlsx') },
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
    </PageShell>
  );
}
