import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Card, Col, Empty, Row, Statistic, Tabs, Tag } from 'antd';
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
  decimalText,
  fundsQueries,
  useBalances,
  type BalanceType,
  type ChangeRecord,
} from './queries';
import { amountColumns, tradeTimeColumns } from './change-record-columns';

const CURRENCY = 'CNY';
const tradeTypes = ['RECHARGE', 'BEADJUST', 'BERETRIEVE', 'ADJUST'] as const;

async function loadChanges(
  balanceType: BalanceType,
  filters: Record<string, string>,
  page: { offset: number; limit: number },
) {
  const result = await queryClient.query(
    fundsQueries.changes({ balance_type: balanceType, ...filters, ...page }),
  );
  return { rows: result.records, total: result.total_count };
}

/** Every filtered record for the export; the change-record API serves 100 per page (catalog). */
async function fetchAllChanges(balanceType: BalanceType, filters: Record<string, string>) {
  const rows: ChangeRecord[] = [];
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += 100) {
    const page = await loadChanges(balanceType, filters, { offset, limit: 100 });
    rows.push(...page.rows);
    if (page.rows.length < 100 || rows.length >= page.total) break;
  }
  return rows;
}

/** 收支明细 of one account (cash or credit), filtered by trade type and UTC+8 dates. */
function ChangeRecords({ balanceType }: { balanceType: BalanceType }) {
  const { t } = useTranslation('funds');
  const [filters, setFilters] = useState<Record<string, string>>({});
  const tradeTypeEnum = Object.fromEntries(
    tradeTypes.map((type) => [type, { text: t(`tradeTypes.${type}`) }]),
  );
  const detailText = (record: ChangeRecord) =>
    t(`details.${record.trade_detail_type}`, { defaultValue: record.trade_detail_type });

  const columns: ProColumns<ChangeRecord>[] = [
    ...tradeTimeColumns<ChangeRecord>(t),
    {
      title: t('fields.tradeType'),
      dataIndex: 'trade_type',
      valueType: 'select',
      valueEnum: tradeTypeEnum,
      hideInTable: true,
    },
    {
      title: t('fields.detail'),
      dataIndex: 'trade_detail_type',
      width: 150,
      search: false,
      render: (_, record) => detailText(record),
    },
    {
      title: t('fields.direction'),
      dataIndex: 'type',
      width: 90,
      search: false,
      render: (_, record) =>
        record.type === '1' ? (
          <Tag color="green">{t('income')}</Tag>
        ) : (
          <Tag color="orange">{t('expense')}</Tag>
        ),
    },
    ...amountColumns<ChangeRecord>(t),
    {
      title: t('fields.counterparty'),
      dataIndex: 'account_name',
      width: 180,
      ellipsis: true,
      search: false,
      render: (_, record) => record.account_name || '-',
    },
    {
      title: t('fields.tradeId'),
      dataIndex: 'trade_id',
      width: 260,
      copyable: true,
      search: false,
    },
  ];

  const csvColumns: CsvColumn<ChangeRecord>[] = [
    { title: t('fields.tradeTime'), value: (record) => formatDateTime(record.trade_time) },
    { title: t('fields.detail'), value: detailText },
    {
      title: t('fields.direction'),
      value: (record) => (record.type === '1' ? t('income') : t('expense')),
    },
    { title: t('fields.amount'), value: (record) => record.change_amount },
    { title: t('fields.balanceAfter'), value: (record) => record.balance_after_change },
    { title: t('fields.counterparty'), value: (record) => record.account_name },
    { title: t('fields.tradeId'), value: (record) => record.trade_id },
  ];

  return (
    <ProTable<ChangeRecord, TableParams>
      rowKey="account_change_id"
      columns={columns}
      request={(params) => {
        const { page, filters: current } = splitTableParams(params);
        setFilters(current);
        return loadTablePage(() => loadChanges(balanceType, current, page));
      }}
      search={{ labelWidth: 'auto' }}
      pagination={{
        defaultPageSize: 10,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
      }}
      locale={{ emptyText: <Empty description={t('empty')} /> }}
      options={{ density: false, setting: true, reload: true }}
      scroll={{ x: 1200 }}
      toolBarRender={() => [
        <ExportButton
          key="export"
          fileName={t('exportName')}
          columns={csvColumns}
          fetchRows={() => fetchAllChanges(balanceType, filters)}
        />,
      ]}
    />
  );
}

/** 销售 > 账务 > 资金管理 (P-31): the partner's cash and credit, and their change records. */
export function FundsPage() {
  const { t } = useTranslation('funds');
  const balances = useBalances();
  const cash = balances.data?.account_balances.find((balance) => balance.account_type === 1);
  const credit = balances.data?.account_balances.find((balance) => balance.account_type === 2);
  return (
    <PageShell title={t('title')} content={t('intro')}>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card loading={balances.isLoading}>
            <Statistic
              title={t('cash')}
              valueRender={() => <Money value={decimalText(cash?.amount)} currency={CURRENCY} />}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card loading={balances.isLoading}>
            <Statistic
              title={t('creditLine')}
              valueRender={() => (
                <Money value={decimalText(credit?.credit_amount)} currency={CURRENCY} />
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card loading={balances.isLoading}>
            <Statistic
              title={t('creditAvailable')}
              valueRender={() => <Money value={decimalText(credit?.amount)} currency={CURRENCY} />}
            />
          </Card>
        </Col>
      </Row>
      <Card>
        <Tabs
          destroyOnHidden
          items={[
            {
              key: 'cash',
              label: t('cashRecords'),
              children: <ChangeRecords balanceType="BALANCE_TYPE_DEBIT" />,
            },
            {
              key: 'credit',
              label: t('creditRecords'),
              children: <ChangeRecords balanceType="BALANCE_TYPE_CREDIT" />,
            },
          ]}
        />
      </Card>
    </PageShell>
  );
}
