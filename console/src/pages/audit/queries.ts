import { queryOptions } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { AuditEventList, AuditEventQuery } from '../../api/types';

const EVENTS = '/console/api/audit/events';

export const auditQueries = {
  list: (query: AuditEventQuery) =>
    queryOptions({
      queryKey: queryKeys.auditEvents.list(query),
      queryFn: () => api.get<AuditEventList>(EVENTS, { ...query }),
      staleTime: 0,
    }),
};

/** The server builds audit exports (CSV or XLSX) of the same filters the list shows. */
export function exportAuditEvents(format: 'csv' | 'xlsx', filters: AuditEventQuery): Promise<void> {
  return downloadFile(`${EVENTS}/export`, { ...filters, format }, `audit-events.${format}`);
}
