import { describe, expect, test } from 'vitest';
import { deriveAccess } from '../../access';
import type { SessionUser } from '../../api/types';
import { pageRoutes, visibleMenu, routes } from '../../routes';

function user(overrides: Partial<SessionUser>): SessionUser {
  return {
    account_id: 'p1',
    account_name: 'a_company',
    account_type: 'solution_provider',
    user_id: 'm1',
    user_name: 'someone',
    display_name: 'Someone',
    is_owner: false,
    permissions: [],
    data_scope: 'mine',
    must_change_password: false,
    ...overrides,
  };
}

const visiblePaths = (permissions: string[], accountType: SessionUser['account_type']) =>
  pageRoutes(
    visibleMenu(routes, deriveAccess(user({ permissions, account_type: accountType }))),
  ).map((entry) => entry.path);

describe('customer and programme menus by rights', () => {
  test('销售 > 客户 needs customer.view; assigning and exporting are separate rights', () => {
    expect(visiblePaths(['partner.info.view'], 'solution_provider')).not.toContain(
      '/sales/customers/management',
    );
    expect(visiblePaths(['customer.view'], 'solution_provider')).toEqual(
      expect.arrayContaining(['/sales/customers/management', '/sales/customers/assignment']),
    );
    const viewer = deriveAccess(user({ permissions: ['customer.view'] }));
    expect([viewer.canAssignCustomers, viewer.canExportCustomers]).toEqual([false, false]);
    const admin = deriveAccess(
      user({ permissions: ['customer.view', 'customer.assign', 'customer.export'] }),
    );
    expect([admin.canAssignCustomers, admin.canExportCustomers]).toEqual([true, true]);
  });

  test('the customer detail page is reachable but never a menu entry', () => {
    expect(visiblePaths(['customer.view'], 'solution_provider')).not.toContain(
      '/sales/customers/detail/:customerId',
    );
    expect(pageRoutes().map((entry) => entry.path)).toContain(
      '/sales/customers/detail/:customerId',
    );
  });

  test('云经销商的客户 is for tier-1 distributors with customer.view only', () => {
    const can = (permissions: string[], accountType: SessionUser['account_type']) =>
      deriveAccess(user({ permissions, account_type: accountType })).canViewResellerCustomers;
    expect(can(['customer.view'], 'tier1_distributor')).toBe(true);
    expect(can([], 'tier1_distributor')).toBe(false);
    expect(can(['customer.view'], 'reseller')).toBe(false);
    expect(can(['customer.view'], 'solution_provider')).toBe(false);
  });

  test('伙伴计划 is for the operator with operator.partner.manage only', () => {
    expect(visiblePaths(['operator.partner.manage'], 'operator')).toContain('/operator/programs');
    expect(visiblePaths(['operator.partner.manage'], 'solution_provider')).not.toContain(
      '/operator/programs',
    );
    expect(visiblePaths(['customer.view'], 'operator')).not.toContain(
      '/sales/customers/management',
    );
  });
});
