import type { ProColumns } from '@ant-design/pro-components';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../components/table-request';
import type { CsvColumn } from '../../components/csv';
import { formatDateTime } from '../../components/format';
import { ListTable } from '../../components/list-table';
import { PORTAL_MAX_PAGE_SIZE } from '../api';
import { amountColumns, tradeTimeColumns } from '../../pages/funds/change-record-columns';

/** A change of one of the customer's accounts, cash or coupons, as the portal's routes answer it. */
export interface PortalChange {
  trade_detail_type: string;
  trade_time: string;
  trade_id: string;
  /** Exact two-decimal text; absolute for cash, signed for coupons. */
  change_amount: string;
  balance_after_change: string;
  revenue_expense_type: 'REVENUE' | 'EXPENSE';
}

interface PortalChangeRecordsProps<T extends PortalChange> {
  rowKey: keyof T & string;
  headerTitle: string;
  emptyText: string;
  exportName: string;
  /** What moved and which way, between the time and the amount (see `directionColumn`). */
  kindColumns: ProColumns<T>[];
  kindCsv: CsvColumn<T>[];
  /** One page for the filters (`trade_time_begin`/`_end`, `revenue_expense_type`). */
  load: (
    filters: Record<string, string>,
    page: { offset: number; limit: number },
  ) => Promise<Page<T>>;
}

/**
 * A change column filtered by income or expense and shown as a tag: green coming in, orange going
 * out, its text the record's own (the direction, or the trade's kind).
 */
export function directionColumn<T extends PortalChange>(
  title: string,
  width: number,
  text: (record: T) => string,
  incomeText: string,
  expenseText: string,
): ProColumns<T> {
  return {
    title,
    dataIndex: 'revenue_expense_type',
    width,
    valueType: 'select',
    valueEnum: { REVENUE: { text: incomeText }, EXPENSE: { text: expenseText } },
    render: (_, record) => (
      <Tag color={record.revenue_expense_type === 'REVENUE' ? 'green' : 'orange'}>
        {text(record)}
      </Tag>
    ),
  };
}

/**
 * The customer portal's change records of an account: time, with a date filter, what moved, the
 * amount and the balance after, and the trade; paged, with a CSV/XLSX export of the filter.
 */
export function PortalChangeRecords<T extends PortalChange>({
  rowKey,
  headerTitle,
  emptyText,
  exportName,
  kindColumns,
  kindCsv,
  load,
}: PortalChangeRecordsProps<T>) {
  const { t } = useTranslation('funds');
  const columns: ProColumns<T>[] = [
    ...tradeTimeColumns<T>(t),
    ...kindColumns,
    ...amountColumns<T>(t),
    {
      title: t('fields.tradeId'),
      dataIndex: 'trade_id',
      width: 260,
      copyable: true,
      search: false,
    },
  ];
  const csvColumns: CsvColumn<T>[] = [
    { title: t('fields.tradeTime'), value: (record) => formatDateTime(record.trade_time) },
    ...kindCsv,
    { title: t('fields.amount'), value: (record) => record.change_amount },
    { title: t('fields.balanceAfter'), value: (record) => record.balance_after_change },
    { title: t('fields.tradeId'), value: (record) => record.trade_id },
  ];
  return (
    <ListTable<T>
      rowKey={rowKey}
      headerTitle={headerTitle}
      columns={columns}
      load={load}
      emptyText={emptyText}
      columnSetting={false}
      scroll={{ x: 1100 }}
      exportAs={{ fileName: exportName, columns: csvColumns, pageSize: PORTAL_MAX_PAGE_SIZE }}
    />
  );
}
