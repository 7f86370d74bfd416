import { describe, expect, test } from 'vitest';
import { deriveAccess } from '../../access';
import type { SessionUser } from '../../api/types';
import { isAllowed, pageRoutes, routes, visibleMenu } from '../../routes';

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

const route = (path: string) => {
  const entry = pageRoutes().find((candidate) => candidate.path === path);
  if (!entry) throw new Error(`no route ${path}`);
  return entry;
};

describe('association rights', () => {
  test('管理关联记录 opens with customer.view and stays out of the menu (a link on 客户管理)', () => {
    const records = route('/sales/customers/association-records');
    expect(isAllowed(records, deriveAccess(user({ permissions: ['customer.view'] })))).toBe(true);
    expect(isAllowed(records, deriveAccess(user({ permissions: [] })))).toBe(false);
    const menu = pageRoutes(
      visibleMenu(routes, deriveAccess(user({ permissions: ['customer.view'] }))),
    );
    expect(menu.map((entry) => entry.path)).not.toContain('/sales/customers/association-records');
  });

  test('requests need customer.manage; deciding customer requests also needs every customer', () => {
    const manager = deriveAccess(user({ permissions: ['customer.view', 'customer.manage'] }));
    expect(manager.canManageCustomers).toBe(true);
    expect(manager.canDecideAssociationRequests).toBe(false);
    const admin = deriveAccess(
      user({ permissions: ['customer.view', 'customer.manage'], data_scope: 'all' }),
    );
    expect(admin.canDecideAssociationRequests).toBe(true);
    const viewer = deriveAccess(user({ permissions: ['customer.view'], data_scope: 'all' }));
    expect(viewer.canManageCustomers).toBe(false);
    expect(viewer.canDecideAssociationRequests).toBe(false);
  });

  test.each(['/operator/association-policy', '/operator/association-reviews'])(
    '%s is the operator’s',
    (path) => {
      const page = route(path);
      const operator = deriveAccess(
        user({ account_type: 'operator', permissions: ['operator.partner.manage'] }),
      );
      expect(isAllowed(page, operator)).toBe(true);
      const partner = deriveAccess(user({ permissions: ['operator.partner.manage'] }));
      expect(isAllowed(page, partner)).toBe(false);
    },
  );
});
