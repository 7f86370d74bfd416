import { describe, expect, test } from 'vitest';
import { deriveAccess } from '../../access';
import type { SessionUser } from '../../api/types';
import { pageRoutes, routes, visibleMenu } from '../../routes';

function user(overrides: Partial<SessionUser>): SessionUser {
  return {
    account_id: 'p1',
    account_name: 'a_company',
    account_type: 'tier1_distributor',
    user_id: 'm1',
    user_name: 'someone',
    display_name: 'Someone',
    is_owner: true,
    permissions: ['reseller.manage', 'partner.info.view'],
    data_scope: 'all',
    must_change_password: false,
    ...overrides,
  };
}

const visiblePaths = (session: SessionUser) =>
  pageRoutes(visibleMenu(routes, deriveAccess(session))).map((entry) => entry.path);

describe('reseller menu entries', () => {
  test('a tier-1 distributor with reseller.manage sees 云经销商管理, not the reseller page', () => {
    const paths = visiblePaths(user({}));
    expect(paths).toContain('/sales/resellers/management');
    expect(paths).not.toContain('/partner/distributor');
  });

  test('a distributor member without reseller.manage does not see it', () => {
    expect(visiblePaths(user({ permissions: ['partner.info.view'] }))).not.toContain(
      '/sales/resellers/management',
    );
  });

  test.each(['solution_provider', 'reseller', 'operator'] as const)(
    'a %s never sees 云经销商管理, whatever its rights',
    (accountType) => {
      expect(visiblePaths(user({ account_type: accountType }))).not.toContain(
        '/sales/resellers/management',
      );
    },
  );

  test('a reseller sees the distributor cooperation page', () => {
    expect(visiblePaths(user({ account_type: 'reseller' }))).toContain('/partner/distributor');
  });
});
