import type { ProColumns } from '@ant-design/pro-components';
import type { TFunction } from 'i18next';
import { formatDateTime } from '../../components/format';
import { Money } from '../../components/money';

/** Change records are kept in one currency (ADR 0008). */
const CURRENCY = 'CNY';

/**
 * The trade time column of a change-record list and its date-range filter, which the server
 * reads as `trade_time_begin` / `trade_time_end` (the partner's 收支明细 and the portal's records).
 */
export function tradeTimeColumns<T extends { trade_time: string }>(
  t: TFunction<'funds'>,
): ProColumns<T>[] {
  return [
    {
      title: t('fields.tradeTime'),
      dataIndex: 'trade_time',
      width: 170,
      search: false,
      render: (_, record) => formatDateTime(record.trade_time),
    },
    {
      title: t('fields.tradeDates'),
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
  ];
}

/** The signed amount of a change record and the balance it left, right-aligned. */
export function amountColumns<T extends { change_amount: string; balance_after_change: string }>(
  t: TFunction<'funds'>,
): ProColumns<T>[] {
  return [
    {
      title: t('fields.amount'),
      dataIndex: 'change_amount',
      width: 150,
      align: 'right',
      search: false,
      render: (_, record) => <Money value={record.change_amount} currency={CURRENCY} />,
    },
    {
      title: t('fields.balanceAfter'),
      dataIndex: 'balance_after_change',
      width: 150,
      align: 'right',
      search: false,
      render: (_, record) => <Money value={record.balance_after_change} currency={CURRENCY} />,
    },
  ];
}
