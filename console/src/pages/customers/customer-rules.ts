import type { AssociationType, CustomerQuery, ResellerCustomerQuery } from '../../api/types';

const associationTypes: readonly string[] = ['1', '2'] satisfies AssociationType[];

/**
 * The list filters of the search form (strings, as the URL keeps them) turned into the API's
 * query: unknown association types and a "no" for `unassigned` are dropped.
 */
export function toCustomerQuery(filters: Record<string, string>): CustomerQuery {
  const query: CustomerQuery = {};
  if (filters.keyword) query.keyword = filters.keyword;
  if (filters.label) query.label = filters.label;
  if (filters.account_manager_id) query.account_manager_id = filters.account_manager_id;
  if (filters.association_type && associationTypes.includes(filters.association_type)) {
    query.association_type = filters.association_type as AssociationType;
  }
  if (filters.unassigned === 'true') query.unassigned = true;
  return query;
}

/** The 云经销商的客户 filters of the search form turned into the API's query. */
export function toResellerCustomerQuery(filters: Record<string, string>): ResellerCustomerQuery {
  const { keyword, label, association_type } = toCustomerQuery(filters);
  const query: ResellerCustomerQuery = {};
  if (filters.reseller_id) query.reseller_id = filters.reseller_id;
  if (keyword) query.keyword = keyword;
  if (label) query.label = label;
  if (association_type) query.association_type = association_type;
  return query;
}

/**
 * The customers a confirmation names: the first `max` account names, and how many more there
 * are, so a batch of a hundred still fits the dialog.
 */
export function namesForConfirmation(
  names: readonly string[],
  max = 5,
): { shown: string[]; more: number } {
  return { shown: names.slice(0, max), more: Math.max(0, names.length - max) };
}
