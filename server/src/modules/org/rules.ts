import type { DataScope } from '../../platform/auth/principal.ts';
import {
  allPermissions,
  operatorPermissions,
  Permissions,
  type Permission,
} from '../../platform/auth/permissions.ts';

/** R-ORG-03: a member holds 1 to 3 roles. */
export const MIN_ROLES_PER_MEMBER = 1;
export const MAX_ROLES_PER_MEMBER = 3;

/** R-ORG-08: custom roles per partner, by default. */
export const CUSTOM_ROLE_LIMIT = 10;

export const PresetRoleCodes = {
  SYSTEM_ADMIN: 'system_admin',
  FINANCE: 'finance',
  SA: 'sa',
  AM_SUPERVISOR: 'am_supervisor',
  ACCOUNT_MANAGER: 'account_manager',
} as const;
export type PresetRoleCode = (typeof PresetRoleCodes)[keyof typeof PresetRoleCodes];

export interface PresetRole {
  code: PresetRoleCode;
  name: string;
  description: string;
  permissions: readonly Permission[];
  dataScope: DataScope;
}

/**
 * Rights a partner role may carry: everything except the provider's back-office rights, which
 * only the operator account's owner holds.
 */
export const assignablePermissions: readonly Permission[] = allPermissions.filter(
  (permission) => !operatorPermissions.includes(permission),
);

export function isAssignablePermission(value: string): value is Permission {
  return (assignablePermissions as readonly string[]).includes(value);
}

/**
 * The five roles every partner organisation starts with (§1.5, §1.6). They are defined here, not
 * by their rows: preset roles cannot be edited, and R-ORG-07 fixes the account manager's rights.
 * The default permission set (R-ORG-16) is added to every role when a principal loads, so it is
 * not repeated here.
 */
export const presetRoles: readonly PresetRole[] = [
  {
    code: PresetRoleCodes.SYSTEM_ADMIN,
    name: '系统管理员',
    description: 'All partner functions; cannot be combined with another role',
    permissions: assignablePermissions,
    dataScope: 'all',
  },
  {
    code: PresetRoleCodes.FINANCE,
    name: '财务专员',
    description: 'Balances, funds, coupons, partner bills and customer consumption',
    permissions: [
      Permissions.ACCOUNT_BALANCE_VIEW,
      Permissions.ACCOUNT_FUNDS_MANAGE,
      Permissions.COUPON_VIEW,
      Permissions.PARTNER_BILL_VIEW,
      Permissions.CONSUMPTION_VIEW,
    ],
    dataScope: 'all',
  },
  {
    code: PresetRoleCodes.SA,
    name: 'SA专人',
    description: 'Technical contact: customers, access configuration and partner information',
    permissions: [
      Permissions.CUSTOMER_VIEW,
      Permissions.ACCESS_KEY_MANAGE,
      Permissions.PARTNER_INFO_VIEW,
    ],
    dataScope: 'all',
  },
  {
    code: PresetRoleCodes.AM_SUPERVISOR,
    name: '客户经理主管',
    description: "The customers of the supervisor's account managers; assigns customers among them",
    permissions: [
      Permissions.CUSTOMER_VIEW,
      Permissions.CONSUMPTION_VIEW,
      Permissions.CUSTOMER_ASSIGN,
    ],
    dataScope: 'team',
  },
  {
    code: PresetRoleCodes.ACCOUNT_MANAGER,
    name: '客户经理',
    description: 'Own customers and their consumption; no coupons, no partner bills',
    permissions: [Permissions.CUSTOMER_VIEW, Permissions.CONSUMPTION_VIEW],
    dataScope: 'mine',
  },
];

export function findPresetRole(code: string): PresetRole | undefined {
  return presetRoles.find((role) => role.code === code);
}

/** A role's rights: a preset's come from its definition, a custom role's from its row. */
export function rolePermissions(role: {
  code: string;
  isPreset: boolean;
  permissions: readonly string[];
}): Permission[] {
  const preset = role.isPreset ? findPresetRole(role.code) : undefined;
  const source = preset ? preset.permissions : role.permissions;
  return assignablePermissionsOf(source);
}

/** A role's data scope, read the same way as `rolePermissions`. */
export function roleDataScope(role: {
  code: string;
  isPreset: boolean;
  dataScope: DataScope;
}): DataScope {
  const preset = role.isPreset ? findPresetRole(role.code) : undefined;
  return preset ? preset.dataScope : role.dataScope;
}

function assignablePermissionsOf(values: readonly string[]): Permission[] {
  return values.filter(isAssignablePermission);
}

const scopeRank: Record<DataScope, number> = { mine: 0, team: 1, all: 2 };

/**
 * The widest scope among a member's roles (R-ORG-04): an account manager who also holds any
 * other role that reaches all customers sees all customers.
 */
export function mergeDataScopes(scopes: readonly DataScope[]): DataScope {
  let widest: DataScope = 'mine';
  for (const scope of scopes) {
    if (scopeRank[scope] > scopeRank[widest]) widest = scope;
  }
  return widest;
}

/** True when `scope` reaches at least as far as `other`. */
export function scopeCovers(scope: DataScope, other: DataScope): boolean {
  return scopeRank[scope] >= scopeRank[other];
}

/**
 * Why a set of roles cannot be held together (R-ORG-03), or null when it can: 1 to 3 distinct
 * roles, 系统管理员 alone, never 客户经理 with 客户经理主管.
 */
export function roleCombinationProblem(codes: readonly string[]): string | null {
  if (new Set(codes).size !== codes.length) return 'must not repeat a role';
  if (codes.length < MIN_ROLES_PER_MEMBER || codes.length > MAX_ROLES_PER_MEMBER) {
    return `must name ${MIN_ROLES_PER_MEMBER} to ${MAX_ROLES_PER_MEMBER} roles`;
  }
  if (codes.includes(PresetRoleCodes.SYSTEM_ADMIN) && codes.length > 1) {
    return 'the system administrator role cannot be combined with another role';
  }
  if (
    codes.includes(PresetRoleCodes.ACCOUNT_MANAGER) &&
    codes.includes(PresetRoleCodes.AM_SUPERVISOR)
  ) {
    return 'the account manager and account manager supervisor roles cannot be combined';
  }
  return null;
}

/** Only account managers report to a supervisor (§1.6). */
export function mayHaveSupervisor(codes: readonly string[]): boolean {
  return codes.includes(PresetRoleCodes.ACCOUNT_MANAGER);
}

/** Only holders of the supervisor role lead a team of account managers. */
export function maySupervise(codes: readonly string[]): boolean {
  return codes.includes(PresetRoleCodes.AM_SUPERVISOR);
}

/** Rights compared when one member grants or changes another's: permissions plus row reach. */
export interface Rights {
  permissions: ReadonlySet<string>;
  dataScope: DataScope;
}

/**
 * The permissions (and scope) in `wanted` that `holder` lacks. A member manager may only hand out,
 * or take over through a password reset, rights they hold themselves; otherwise a custom role with
 * member management could promote its holder to system administrator.
 */
export function rightsBeyond(
  holder: Rights,
  wanted: Rights,
): { permissions: string[]; scope: boolean } {
  return {
    permissions: [...wanted.permissions]
      .filter((permission) => !holder.permissions.has(permission))
      .sort(),
    scope: !scopeCovers(holder.dataScope, wanted.dataScope),
  };
}

/** The combined rights of a set of roles, as a principal holding them would have them. */
export function combinedRights(
  held: readonly {
    code: string;
    isPreset: boolean;
    permissions: readonly string[];
    dataScope: DataScope;
  }[],
): Rights {
  const permissions = new Set<string>();
  for (const role of held)
    for (const permission of rolePermissions(role)) permissions.add(permission);
  return { permissions, dataScope: mergeDataScopes(held.map(roleDataScope)) };
}

/** Menu groups of the role permission tree (P-60 编辑权限), in display order. */
export const permissionGroups = [
  'partner',
  'org',
  'customer',
  'finance',
  'reseller',
  'support',
  'operator',
] as const;
export type PermissionGroup = (typeof permissionGroups)[number];

export interface PermissionLabel {
  group: PermissionGroup;
  nameZh: string;
  nameEn: string;
}

/**
 * The label of every permission item. Typed by `Permission`, so a new permission code does not
 * compile until it has a group and both labels.
 */
export const permissionLabels: Record<Permission, PermissionLabel> = {
  'partner.info.view': {
    group: 'partner',
    nameZh: '查看伙伴信息',
    nameEn: 'View partner information',
  },
  'partner.info.edit': {
    group: 'partner',
    nameZh: '修改伙伴信息',
    nameEn: 'Edit partner information',
  },
  'partner.certification.manage': {
    group: 'partner',
    nameZh: '商业信息认证',
    nameEn: 'Business information certification',
  },
  'org.member.view': { group: 'org', nameZh: '查看组织成员', nameEn: 'View organization members' },
  'org.member.manage': {
    group: 'org',
    nameZh: '管理组织成员',
    nameEn: 'Manage organization members',
  },
  'org.role.manage': { group: 'org', nameZh: '管理角色', nameEn: 'Manage roles' },
  'customer.view': { group: 'customer', nameZh: '查看客户', nameEn: 'View customers' },
  'customer.manage': { group: 'customer', nameZh: '管理客户', nameEn: 'Manage customers' },
  'customer.export': {
    group: 'customer',
    nameZh: '导出客户列表',
    nameEn: 'Export the customer list',
  },
  'customer.assign': { group: 'customer', nameZh: '分配客户', nameEn: 'Assign customers' },
  'consumption.view': {
    group: 'customer',
    nameZh: '查看客户消费',
    nameEn: 'View customer expenditure',
  },
  'coupon.view': { group: 'customer', nameZh: '查看券', nameEn: 'View coupons' },
  'coupon.manage': { group: 'customer', nameZh: '管理券', nameEn: 'Manage coupons' },
  'account.balance.view': {
    group: 'finance',
    nameZh: '查看账户余额',
    nameEn: 'View account balance',
  },
  'account.funds.manage': { group: 'finance', nameZh: '资金管理', nameEn: 'Manage funds' },
  'bill.partner.view': { group: 'finance', nameZh: '查看伙伴账单', nameEn: 'View partner bills' },
  'reseller.manage': { group: 'reseller', nameZh: '云经销商管理', nameEn: 'Manage resellers' },
  'access_key.manage': { group: 'support', nameZh: '接入配置', nameEn: 'Access configuration' },
  'audit.view': { group: 'support', nameZh: '查看操作日志', nameEn: 'View the operation trail' },
  'operator.partner.manage': { group: 'operator', nameZh: '管理伙伴', nameEn: 'Manage partners' },
  'operator.certification.review': {
    group: 'operator',
    nameZh: '审核商业信息认证',
    nameEn: 'Review business certifications',
  },
};

export interface PermissionCatalogueEntry extends PermissionLabel {
  code: Permission;
}

/**
 * The permission items a partner role may carry, grouped for the role editor: groups in display
 * order, items in catalogue order within a group.
 */
export function permissionCatalogue(): PermissionCatalogueEntry[] {
  return assignablePermissions
    .map((code) => ({ code, ...permissionLabels[code] }))
    .sort((a, b) => permissionGroups.indexOf(a.group) - permissionGroups.indexOf(b.group));
}
