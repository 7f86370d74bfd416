import { queryOptions } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';

/** One 调账记录 as ListPartnerAdjustRecords answers it (amount is an exact decimal string). */
export interface AdjustRecord {
  customer_id: string;
  customer_name: string;
  operation_type: string;
  amount: string;
  currency: string;
  operation_time: string;
  trans_id: string;
  memo: string;
}

export interface AdjustRecordQuery {
  customer_id?: string;
  operation_type?: string;
  /** UTC, `yyyy-MM-ddTHH:mm:ssZ`, as the API takes it. */
  operation_time_begin?: string;
  operation_time_end?: string;
  trans_id?: string;
}

export const adjustOperationTypes = [
  'SOURCE_OPERATION_BEADJUST',
  'SOURCE_OPERATION_BERETRIEVE',
  'SOURCE_OPERATION_BEUNBIND',
] as const;

const RECORDS = '/v3/accounts/partner-accounts/adjust-records';
const EXPORT = '/console/api/funds/adjust-records/export';

export const adjustRecordQueries = {
  list: (query: AdjustRecordQuery & { offset: number; limit: number }) =>
    queryOptions({
      queryKey: ['adjust-records', query] as const,
      queryFn: () =>
        api.get<{ total_count: number; records: AdjustRecord[] }>(RECORDS, { ...query }),
      staleTime: 0,
    }),
};

/** The server's export of the filters the list shows (customer names masked). */
export function exportAdjustRecords(
  format: 'csv' | 'xlsx',
  query: AdjustRecordQuery,
): Promise<void> {
  return downloadFile(EXPORT, { ...query, format }, `adjust-records.${format}`);
}

/**
 * A local date-time of the range picker (`YYYY-MM-DD HH:mm:ss`, the reader's time zone) as the
 * API's UTC second; undefined for an empty or unreadable value, so no filter is sent.
 */
export function toWireTime(local: string | undefined): string | undefined {
  if (!local) return undefined;
  const at = new Date(local.trim().replace(' ', 'T'));
  if (Number.isNaN(at.getTime())) return undefined;
  return `${at.toISOString().slice(0, 19)}Z`;
}

/** The table's filter values as the API's query. */
export function toAdjustRecordQuery(filters: Record<string, string>): AdjustRecordQuery {
  return {
    customer_id: filters.customer_id,
    operation_type: filters.operation_type,
    trans_id: filters.trans_id,
    operation_time_begin: toWireTime(filters.operation_time_begin),
    operation_time_end: toWireTime(filters.operation_time_end),
  };
}
