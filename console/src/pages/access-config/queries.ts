import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';
import type {
  BindingCallback,
  BindingNotification,
  BindingNotificationList,
  BindingNotificationQuery,
} from './types';

const CALLBACK = '/console/api/partner/binding-callback';
const LOG = '/console/api/partner/binding-notifications';
const SP_METADATA = '/sp/metadata.xml';

const keys = {
  callback: ['binding-callback'] as const,
  log: ['binding-notifications'] as const,
  logList: (query: BindingNotificationQuery) => ['binding-notifications', 'list', query] as const,
};

export const accessConfigQueries = {
  callback: () =>
    queryOptions({
      queryKey: keys.callback,
      queryFn: () => api.get<BindingCallback>(CALLBACK),
      staleTime: 0,
    }),
  log: (query: BindingNotificationQuery) =>
    queryOptions({
      queryKey: keys.logList(query),
      queryFn: () => api.get<BindingNotificationList>(LOG, { ...query }),
      staleTime: 0,
    }),
};

export function useSetBindingCallback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (url: string) => api.put<BindingCallback>(CALLBACK, { url }),
    onSuccess: (saved) => client.setQueryData(keys.callback, saved),
  });
}

export function useSendTestNotification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<BindingNotification>(`${CALLBACK}/test`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.log }),
  });
}

/** The server builds the log export (CSV or XLSX) of the filters the list shows. */
export function exportBindingNotifications(
  format: 'csv' | 'xlsx',
  filters: BindingNotificationQuery,
): Promise<void> {
  return downloadFile(`${LOG}/export`, { ...filters, format }, `binding-notifications.${format}`);
}

/** The SP Metadata.xml with the certificate that verifies notifications (public on the server). */
export function downloadSpMetadata(): Promise<void> {
  return downloadFile(SP_METADATA, {}, 'Metadata.xml');
}
