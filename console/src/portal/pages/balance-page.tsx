import type { ProColumns } from '@ant-design/pro-components';
import { Card, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../../api/query-client';
import type { CsvColumn } from '../../components/csv';
import { Money } from '../../components/money';
import { PageShell } from '../../components/page-shell';
import {
  cashBalanceText,
  portalBalanceQueries,
  usePortalBalance,
  type BalanceChangeQuery,
  type BalanceChangeRecord,
} from './balance-queries';
import { directionColumn, PortalChangeRecords } from './change-records';

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

  const kindColumns: ProColumns<BalanceChangeRecord>[] = [
    {
      title: t('funds:fields.detail'),
      dataIndex: 'trade_detail_type',
      width: 150,
      search: false,
      render: (_, record) => detailText(record),
    },
    directionColumn(
      t('funds:fields.direction'),
      90,
      directionText,
      t('funds:income'),
      t('funds:expense'),
    ),
  ];

  const kindCsv: CsvColumn<BalanceChangeRecord>[] = [
    { title: t('funds:fields.detail'), value: detailText },
    { title: t('funds:fields.direction'), value: directionText },
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
      <PortalChangeRecords<BalanceChangeRecord>
        rowKey="account_change_id"
        headerTitle={t('balance.records')}
        emptyText={t('balance.empty')}
        exportName={t('balance.exportName')}
        kindColumns={kindColumns}
        kindCsv={kindCsv}
        load={loadPage}
      />
    </PageShell>
  );
}
