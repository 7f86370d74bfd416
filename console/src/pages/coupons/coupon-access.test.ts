import { describe, expect, test } from 'vitest';
import { deriveAccess } from '../../access';
import type { SessionUser } from '../../api/types';
import { portalMenu } from '../../portal/routes';
import { pageRoutes, routes, visibleMenu } from '../../routes';

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
    data_scope: 'all',
    must_change_password: false,
    ...overrides,
  };
}

const visiblePaths = (overrides: Partial<SessionUser>) =>
  pageRoutes(visibleMenu(routes, deriveAccess(user(overrides)))).map((entry) => entry.path);

describe('券管理 by rights', () => {
  test('the page needs coupon.view; issuing and reclaiming need coupon.manage', () => {
    expect(visiblePaths({ permissions: ['customer.view'] })).not.toContain(
      '/sales/customers/coupons',
    );
    expect(visiblePaths({ permissions: ['coupon.view'] })).toContain('/sales/customers/coupons');
    const viewer = deriveAccess(user({ permissions: ['coupon.view'] }));
    expect([viewer.canViewCoupons, viewer.canManageCoupons]).toEqual([true, false]);
    const manager = deriveAccess(user({ permissions: ['coupon.view', 'coupon.manage'] }));
    expect([manager.canViewCoupons, manager.canManageCoupons]).toEqual([true, true]);
  });

  test('the operator holds no coupons of its own and gets no 券管理', () => {
    const operator = { account_type: 'operator' as const, permissions: ['coupon.view'] };
    expect(visiblePaths(operator)).not.toContain('/sales/customers/coupons');
    expect(deriveAccess(user(operator)).canManageCoupons).toBe(false);
  });
});

describe('优惠券 in the portal', () => {
  test('the customer portal lists its coupons page between balance and the account settings', () => {
    const labels = portalMenu().map((entry) => entry.label);
    expect(labels.indexOf('coupons')).toBe(labels.indexOf('balance') + 1);
    expect(portalMenu().find((entry) => entry.label === 'coupons')?.path).toBe('/portal/coupons');
  });
});
