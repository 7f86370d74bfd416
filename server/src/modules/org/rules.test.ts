import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allPermissions,
  operatorPermissions,
  Permissions,
} from '../../platform/auth/permissions.ts';
import { dataScopes, type DataScope } from '../../platform/auth/principal.ts';
import {
  assignablePermissions,
  combinedRights,
  mayHaveSupervisor,
  maySupervise,
  mergeDataScopes,
  permissionCatalogue,
  permissionGroups,
  permissionLabels,
  presetRoles,
  rightsBeyond,
  roleCombinationProblem,
  roleDataScope,
  rolePermissions,
  scopeCovers,
} from './rules.ts';

const scopeArbitrary = fc.constantFrom<DataScope>(...dataScopes);

describe('preset roles', () => {
  it('are the five roles of §1.5 with the documented scopes', () => {
    expect(presetRoles.map((role) => [role.code, role.name, role.dataScope])).toEqual([
      ['system_admin', '系统管理员', 'all'],
      ['finance', '财务专员', 'all'],
      ['sa', 'SA专人', 'all'],
      ['am_supervisor', '客户经理主管', 'team'],
      ['account_manager', '客户经理', 'mine'],
    ]);
  });

  it('never carry an operator permission', () => {
    for (const role of presetRoles) {
      for (const permission of role.permissions)
        expect(operatorPermissions).not.toContain(permission);
    }
  });

  it('give the system administrator every partner permission', () => {
    const admin = presetRoles.find((role) => role.code === 'system_admin');
    expect([...(admin?.permissions ?? [])].sort()).toEqual([...assignablePermissions].sort());
  });

  it('fix the account manager: consumption yes, coupons and partner bills no (R-ORG-07)', () => {
    const manager = presetRoles.find((role) => role.code === 'account_manager');
    expect(manager?.permissions).toContain(Permissions.CONSUMPTION_VIEW);
    expect(manager?.permissions).not.toContain(Permissions.COUPON_VIEW);
    expect(manager?.permissions).not.toContain(Permissions.COUPON_MANAGE);
    expect(manager?.permissions).not.toContain(Permissions.PARTNER_BILL_VIEW);
  });

  it('read a preset row through its definition, whatever the stored copy says', () => {
    const stale = {
      code: 'account_manager',
      isPreset: true,
      permissions: ['coupon.manage'],
      dataScope: 'all' as const,
    };
    expect(rolePermissions(stale)).toEqual([
      Permissions.CUSTOMER_VIEW,
      Permissions.CONSUMPTION_VIEW,
    ]);
    expect(roleDataScope(stale)).toBe('mine');
  });

  it('read a custom row as stored, dropping operator rights and unknown codes', () => {
    const custom = {
      code: 'custom_x',
      isPreset: false,
      permissions: ['coupon.view', 'operator.partner.manage', 'no.such.thing'],
      dataScope: 'team' as const,
    };
    expect(rolePermissions(custom)).toEqual(['coupon.view']);
    expect(roleDataScope(custom)).toBe('team');
  });
});

describe('role combinations (R-ORG-03)', () => {
  it.each([
    [['system_admin'], null],
    [['finance', 'sa', 'account_manager'], null],
    [['am_supervisor', 'finance'], null],
    [['custom_1'], null],
    [[], 'must name 1 to 3 roles'],
    [['finance', 'sa', 'account_manager', 'custom_1'], 'must name 1 to 3 roles'],
    [
      ['system_admin', 'finance'],
      'the system administrator role cannot be combined with another role',
    ],
    [
      ['account_manager', 'am_supervisor'],
      'the account manager and account manager supervisor roles cannot be combined',
    ],
    [['finance', 'finance'], 'must not repeat a role'],
  ])('%j → %s', (codes, problem) => {
    expect(roleCombinationProblem(codes)).toBe(problem);
  });

  it('accept every 1–3 distinct roles that break neither exclusion', () => {
    const codes = [
      'system_admin',
      'finance',
      'sa',
      'am_supervisor',
      'account_manager',
      'custom_1',
      'custom_2',
    ];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...codes), { minLength: 1, maxLength: 3 }),
        (held) => {
          const expectedOk =
            !(held.includes('system_admin') && held.length > 1) &&
            !(held.includes('account_manager') && held.includes('am_supervisor'));
          expect(roleCombinationProblem(held) === null).toBe(expectedOk);
        },
      ),
    );
  });

  it('let only account managers have a supervisor and only supervisors lead', () => {
    expect(mayHaveSupervisor(['account_manager', 'finance'])).toBe(true);
    expect(mayHaveSupervisor(['am_supervisor'])).toBe(false);
    expect(maySupervise(['am_supervisor', 'sa'])).toBe(true);
    expect(maySupervise(['account_manager'])).toBe(false);
  });
});

describe('data scope merging (R-ORG-04)', () => {
  it('widens an account manager with any all-scope role to all customers', () => {
    expect(mergeDataScopes(['mine', 'all'])).toBe('all');
    expect(mergeDataScopes(['mine'])).toBe('mine');
    expect(mergeDataScopes(['team', 'mine'])).toBe('team');
  });

  it('is the widest scope held: covers every scope and is one of them', () => {
    fc.assert(
      fc.property(fc.array(scopeArbitrary, { minLength: 1, maxLength: 6 }), (scopes) => {
        const merged = mergeDataScopes(scopes);
        expect(scopes).toContain(merged);
        for (const scope of scopes) expect(scopeCovers(merged, scope)).toBe(true);
      }),
    );
  });

  it('does not depend on the order of the roles', () => {
    fc.assert(
      fc.property(fc.array(scopeArbitrary, { maxLength: 6 }), (scopes) => {
        expect(mergeDataScopes([...scopes].reverse())).toBe(mergeDataScopes(scopes));
      }),
    );
  });
});

describe('granting rights', () => {
  const roleArbitrary = fc.record({
    code: fc.constantFrom('custom_a', 'custom_b'),
    isPreset: fc.constant(false),
    permissions: fc.uniqueArray(fc.constantFrom(...assignablePermissions)),
    dataScope: scopeArbitrary,
  });

  it('a holder of combined rights lacks nothing of any one of the roles', () => {
    fc.assert(
      fc.property(fc.array(roleArbitrary, { minLength: 1, maxLength: 3 }), (held) => {
        const rights = combinedRights(held);
        for (const role of held) {
          const beyond = rightsBeyond(rights, combinedRights([role]));
          expect(beyond).toEqual({ permissions: [], scope: false });
        }
      }),
    );
  });

  it('names the permissions and the wider scope a holder lacks', () => {
    const holder = { permissions: new Set(['customer.view']), dataScope: 'mine' as const };
    const wanted = {
      permissions: new Set(['customer.view', 'org.role.manage', 'coupon.view']),
      dataScope: 'all' as const,
    };
    expect(rightsBeyond(holder, wanted)).toEqual({
      permissions: ['coupon.view', 'org.role.manage'],
      scope: true,
    });
  });
});

describe('permission catalogue', () => {
  it('labels every permission code in both languages', () => {
    for (const code of allPermissions) {
      const label = permissionLabels[code];
      expect(label.nameZh).toMatch(/\S/);
      expect(label.nameEn).toMatch(/\S/);
      expect(permissionGroups).toContain(label.group);
    }
  });

  it('lists exactly the grantable permissions, grouped in display order', () => {
    const catalogue = permissionCatalogue();
    expect(catalogue.map((entry) => entry.code).sort()).toEqual([...assignablePermissions].sort());
    const groupOrder = catalogue.map((entry) => permissionGroups.indexOf(entry.group));
    expect(groupOrder).toEqual([...groupOrder].sort((a, b) => a - b));
  });
});
