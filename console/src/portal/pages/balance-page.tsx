import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Card, Empty, Statistic, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../../api/query-client';
import type { CsvColumn } from '../../components/csv';
import { ExportButton } from '../../components/export-button';
import { formatDateTime } from '../../components/format';
import { Money } from '../../components/money';
import { PageShell } from '../../components/page-shell';
import {
  loadTablePage,
  MAX_EXPORT_ROWS,
  splitTableParams,
  type TableParams,
} from '../../components/table-request';
import {
  cashBalanceText,
  portalBalanceQueries,
  usePortalBalance,
  type BalanceChangeQuery,
  type BalanceChangeRecord,
} from './balance-queries';

const CURRENCY = 'CNY';

async function loadPage(query: BalanceChangeQuery, page: { offset: number; limit: number }) {
  const result = await queryClient.query(portalBalanceQueries.changes({ ...query, ...page }));
  return { rows: result.records, total: result.total_count };
}

/** Every filtered record for the export; the route serves at most 100 a page. */
async function fetchAllChanges(query: BalanceChangeQuery) {
  const rows: BalanceChangeRecord[] = [];
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += 100) {
    const page = await loadPage(query, { offset, limit: 100 });
    rows.push(...page.rows);
    if (page.rows.length < 100 || rows.length >= page.total) break;
  }
  return rows;
}

/**
 * 余额 (customer portal): the cash balance the partner allocated (or the customer's own) and its
 * change records, filtered by date and direction, with paging and a CSV export.
 */
export function PortalBalancePage() {
  const { t } = useTranslation(['portal', 'funds']);
  const balance = usePortalBalance();
  const [filters, setFilters] = useState<BalanceChangeQuery>({});
  const detailText = (record: BalanceChangeRecord) =>
    t(`funds:details.${record.trade_detail_type}`, { defaultValue: record.trade_detail_type });
  const directionText = (record: BalanceChangeRecord) =>
    record.revenue_expense_type === 'REVENUE' ? t('funds:income') : t('funds:expense');

  const columns: ProColumns<BalanceChangeRecord>[] = [
    {
      title: t('funds:fields.tradeTime'),
      dataIndex: 'trade_time',
      width: 170,
      search: false,
      render: (_, record) => formatDateTime(record.trade_time),
    },
    {
      title: t('funds:fields.tradeDates'),
      dataIndex: 'trade_dates',
      valueType: 'dateRange',
      hideInTable: true,
      search: {
        transform: (value: [string, string]) => ({
          trade_time_begin: value[0],
          trade_time_end: value[1],
        }),
      },
    },
    {
      title: t('funds:fields.detail'),
      dataIndex: 'trade_detail_type',
      width: 150,
      search: false,
      render: (_, record) => detailText(record),
    },
    {
      title: t('funds:fields.direction'),
      dataIndex: 'revenue_expense_type',
      width: 90,
      valueType: 'select',
      valueEnum: { REVENUE: { text: t('funds:income') }, EXPENSE: { text: t('funds:expense') } },
      render: (_, record) => (
        <Tag color={record.revenue_expense_type === 'REVENUE' ? 'green' : 'orange'}>
          {directionText(record)}
        </Tag>
      ),
    },
    {
      title: t('funds:fields.amount'),
      dataIndex: 'change_amount',
      width: 150,
      align: 'right',
      search: false,
      render: (_, record) => <Money value={record.change_amount} currency={CURRENCY} />,
    },
    {
      title: t('funds:fields.balanceAfter'),
      dataIndex: 'balance_after_change',
      width: 150,
      align: 'right',
      search: false,
      render: (_, record) => <Money value={record.balance_after_change} currency={CURRENCY} />,
    },
    {
      title: t('funds:fields.tradeId'),
      dataIndex: 'trade_id',
      width: 260,
      copyable: true,
      search: false,
    },
  ];

  const csvColumns: CsvColumn<BalanceChangeRecord>[] = [
    { title: t('funds:fields.tradeTime'), value: (record) => formatDateTime(record.trade_time) },
    { title: t('funds:fields.detail'), value: detailText },
    { title: t('funds:fields.direction'), value: directionText },
    { title: t('funds:fields.amount'), value: (record) => record.change_amount },
    { title: t('funds:fields.balanceAfter'), value: (record) => record.balance_after_change },
    { title: t('funds:fields.tradeId'), value: (record) => record.trade_id },
  ];

  return (
    <PageShell title={t('balance.title')} content={t('balance.intro')}>
      <Card loading={balance.isLoading} style={{ marginBottom: 16 }}>
        <Statistic
          title={t('balance.cash')}
          valueRender={() => (
            <span data-testid="portal-balance">
              <Money value={cashBalanceText(balance.data)} currency={CURRENCY} />
            </span>
          )}
        />
      </Card>
      <ProTable<BalanceChangeRecord, TableParams>
        rowKey="account_change_id"
        headerTitle={t('balance.records')}
        columns={columns}
        request={(params) => {
          const { page, filters: current } = splitTableParams(params);
          setFilters(current);
          return loadTablePage(() => loadPage(current, page));
        }}
        search={{ labelWidth: 'auto' }}
        pagination={{
          defaultPageSize: 10,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
        }}
        locale={{ emptyText: <Empty description={t('balance.empty')} /> }}
        options={{ density: false, setting: false, reload: true }}
        scroll={{ x: 1000 }}
        toolBarRender={() => [
          <ExportButton
            key="export"
            fileName={t('balance.exportName')}
            columns={csvColumns}
            fetchRows={() => fetchAllChanges(filters)}
          />,
        ]}
      />
    </PageShell>
  );
}
