import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type {
  AssignableMember,
  CustomerDetail,
  CustomerList,
  CustomerQuery,
  ResellerCustomerList,
  ResellerCustomerQuery,
  ResellerRef,
  SensitiveCustomerField,
} from '../../api/types';

const CUSTOMERS = '/console/api/customers';
const customerPath = (id: string) => `${CUSTOMERS}/${encodeURIComponent(id)}`;

export const customerQueries = {
  list: (query: CustomerQuery) =>
    queryOptions({
      queryKey: queryKeys.customers.list(query),
      queryFn: () => api.get<CustomerList>(CUSTOMERS, { ...query }),
      staleTime: 0,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: queryKeys.customers.detail(id),
      queryFn: () => api.get<CustomerDetail>(customerPath(id)),
      staleTime: 0,
    }),
  assignableMembers: () =>
    queryOptions({
      queryKey: queryKeys.assignableMembers.all,
      queryFn: () => api.get<{ members: AssignableMember[] }>(`${CUSTOMERS}/assignable-members`),
    }),
};

export function useCustomer(id: string) {
  return useQuery(customerQueries.detail(id));
}

/** Account managers and supervisors the user may hand customers to; only asked with the right. */
export function useAssignableMembers(enabled: boolean) {
  return useQuery({ ...customerQueries.assignableMembers(), enabled });
}

/** X1: one contact field shown whole; the server records who looked. */
export async function revealCustomerContact(
  customerId: string,
  field: SensitiveCustomerField,
): Promise<string> {
  const result = await api.post<{ value: string }>(`${customerPath(customerId)}/reveal`, {
    field,
  });
  return result.value;
}

export function useAssignCustomers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { customer_ids: string[]; member_id: string }) =>
      api.post<{ assigned: number }>(`${CUSTOMERS}/assign`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.customers.all }),
  });
}

export function useUnassignCustomers() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (customerIds: string[]) =>
      api.post<{ unassigned: number }>(`${CUSTOMERS}/unassign`, { customer_ids: customerIds }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.customers.all }),
  });
}

/** The server builds the export (CSV or XLSX, contacts masked) of the filters the list shows. */
export function exportCustomers(format: 'csv' | 'xlsx', filters: CustomerQuery): Promise<void> {
  return downloadFile(`${CUSTOMERS}/export`, { ...filters, format }, `customers.${format}`);
}

const RESELLER_CUSTOMERS = '/console/api/reseller-customers';

export const resellerCustomerQueries = {
  list: (query: ResellerCustomerQuery) =>
    queryOptions({
      queryKey: queryKeys.resellerCustomers.list(query),
      queryFn: () => api.get<ResellerCustomerList>(RESELLER_CUSTOMERS, { ...query }),
      staleTime: 0,
    }),
  resellers: () =>
    queryOptions({
      queryKey: [...queryKeys.resellerCustomers.all, 'resellers'] as const,
      queryFn: () => api.get<{ resellers: ResellerRef[] }>(`${RESELLER_CUSTOMERS}/resellers`),
    }),
};

/** The distributor's resellers for the 云经销商名称 filter. */
export function useResellerOptions() {
  return useQuery(resellerCustomerQueries.resellers());
}

/** The server's export of the 云经销商的客户 filters the list shows (contacts masked). */
export function exportResellerCustomers(
  format: 'csv' | 'xlsx',
  filters: ResellerCustomerQuery,
): Promise<void> {
  return downloadFile(
    `${RESELLER_CUSTOMERS}/export`,
    { ...filters, format },
    `reseller-customers.${format}`,
  );
}
