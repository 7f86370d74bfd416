import { describe, expect, test } from 'vitest';
import { namesForConfirmation, toCustomerQuery, toResellerCustomerQuery } from './customer-rules';

describe('customer list filters', () => {
  test('keeps the filters the API knows', () => {
    expect(
      toCustomerQuery({
        keyword: 'acme',
        label: 'vip',
        account_manager_id: 'm1',
        association_type: '2',
        unassigned: 'true',
      }),
    ).toEqual({
      keyword: 'acme',
      label: 'vip',
      account_manager_id: 'm1',
      association_type: '2',
      unassigned: true,
    });
  });

  test('drops an unknown association type and a negative unassigned filter', () => {
    expect(toCustomerQuery({ association_type: '3', unassigned: 'false' })).toEqual({});
    expect(toCustomerQuery({})).toEqual({});
  });
});

describe('names in a batch confirmation', () => {
  test('shows all names of a small batch', () => {
    expect(namesForConfirmation(['a', 'b'])).toEqual({ shown: ['a', 'b'], more: 0 });
  });

  test('shows the first names and counts the rest', () => {
    expect(namesForConfirmation(['a', 'b', 'c', 'd'], 2)).toEqual({ shown: ['a', 'b'], more: 2 });
  });
});

describe('云经销商的客户 filters', () => {
  test('keeps the reseller, keyword, label and a known association type', () => {
    expect(
      toResellerCustomerQuery({
        reseller_id: 'r1',
        keyword: 'west',
        label: '重点',
        association_type: '1',
        tab: 'resellers',
        account_manager_id: 'm1',
        unassigned: 'true',
      }),
    ).toEqual({ reseller_id: 'r1', keyword: 'west', label: '重点', association_type: '1' });
  });

  test('drops an unknown association type', () => {
    expect(toResellerCustomerQuery({ association_type: '9' })).toEqual({});
  });
});
