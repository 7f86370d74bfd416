import type { ProColumns } from '@ant-design/pro-components';
import { Card, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../../api/query-client';
import type { CsvColumn } from '../../components/csv';
import { formatDateTime } from '../../components/format';
import { ListTable } from '../../components/list-table';
import { Money } from '../../components/money';
import { PageShell } from '../../components/page-shell';
import { PORTAL_MAX_PAGE_SIZE } from '../api';
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

/**
 * 余额 (customer portal): the cash balance the partner allocated (or the customer's own) and its
 * change records, filtered by date and direction, with paging and a CSV export.
 */
export function PortalBalancePage() {
  const { t } = useTranslation(['portal', 'funds']);
  const balance = usePortalBalance();
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
      <ListTable<BalanceChangeRecord>
        rowKey="account_change_id"
        headerTitle={t('balance.records')}
        columns={columns}
        load={loadPage}
        emptyText={t('balance.empty')}
        columnSetting={false}
        scroll={{ x: 1000 }}
        exportAs={{
          fileName: t('balance.exportName'),
          columns: csvColumns,
          pageSize: PORTAL_MAX_PAGE_SIZE,
        }}
      />
    </PageShell>
  );
}
