import type { AssociationType, CustomerQuery } from '../../api/types';

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
