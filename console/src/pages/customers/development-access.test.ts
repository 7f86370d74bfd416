import { describe, expect, test } from 'vitest';
import { deriveAccess } from '../../access';
import type { SessionUser } from '../../api/types';
import { homePath, pageRoutes, routes, visibleMenu } from '../../routes';

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

const access = (overrides: Partial<SessionUser>) => deriveAccess(user(overrides));
const visiblePaths = (overrides: Partial<SessionUser>) =>
  pageRoutes(visibleMenu(routes, access(overrides))).map((entry) => entry.path);

describe('customer development menu (P-10)', () => {
  test('whoever sees customers may develop them; an account manager still lands on 客户管理', () => {
    const manager = { permissions: ['customer.view', 'partner.info.view'] };
    expect(visiblePaths(manager)).toContain('/sales/development/customers');
    expect(homePath(access(manager))).toBe('/sales/customers/management');
    expect(visiblePaths({ permissions: ['partner.info.view'] })).not.toContain(
      '/sales/development/customers',
    );
  });

  test('the provider’s operator reviews pre-registrations but develops no customers', () => {
    const operator = {
      account_type: 'operator' as const,
      data_scope: 'all' as const,
      permissions: ['operator.certification.review', 'customer.view'],
    };
    expect(visiblePaths(operator)).toContain('/operator/preregistrations');
    expect(visiblePaths(operator)).not.toContain('/sales/development/customers');
    expect(visiblePaths({ permissions: ['customer.view'] })).not.toContain(
      '/operator/preregistrations',
    );
  });

  test('the acceptance page is no console route: it lives outside the partner frame', () => {
    expect(pageRoutes().some((entry) => entry.path.startsWith('/invite'))).toBe(false);
  });
});
