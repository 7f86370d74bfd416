import { and, eq, inArray, isNull } from 'drizzle-orm';
import { accessKeys, authSessions } from '../../../platform/auth/schema.ts';
import type { DataScope, Principal } from '../../../platform/auth/principal.ts';
import type { Db } from '../../../platform/db/index.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import type { Permission } from '../../../platform/auth/permissions.ts';
import {
  combinedRights,
  isAssignablePermission,
  mayHaveSupervisor,
  maySupervise,
  presetRoles,
  rightsBeyond,
  roleCombinationProblem,
  roleDataScope,
  rolePermissions,
  type Rights,
} from '../rules.ts';
import type { MemberRow } from '../identity.ts';
import { memberRoles, members, roles, type MemberStatus } from '../schema.ts';

export type { MemberRow };

export type RoleRow = typeof roles.$inferSelect;

export const MEMBER_RESOURCE = 'org.member';
export const ROLE_RESOURCE = 'org.role';

export interface MemberRoleRef {
  id: string;
  code: string;
  name: string;
}

/** A member as the console shows it: the row without secrets, with role names and supervisor. */
export interface MemberView {
  id: string;
  userName: string;
  displayName: string;
  email: string;
  phone: string;
  status: MemberStatus;
  isOwner: boolean;
  mustChangePassword: boolean;
  roles: MemberRoleRef[];
  supervisorId: string | null;
  supervisorName: string | null;
  createdAt: Date;
  lastLoginAt: Date | null;
}

/** A role as the console shows it, with its effective rights and how many members hold it. */
export interface RoleView {
  id: string;
  code: string;
  name: string;
  description: string;
  isPreset: boolean;
  permissions: Permission[];
  dataScope: DataScope;
  memberCount: number;
  createdAt: Date;
}

export function toRoleView(row: RoleRow, memberCount: number): RoleView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    isPreset: row.isPreset,
    permissions: rolePermissions(row),
    dataScope: roleDataScope(row),
    memberCount,
    createdAt: row.createdAt,
  };
}

/**
 * The distinct permission items a custom role asks for; each must be a partner permission
 * (operator rights are never grantable).
 *
 * @throws CBC.0100 naming `permissions`.
 */
export function parseRolePermissions(values: readonly string[]): Permission[] {
  const unknown = values.filter((value) => !isAssignablePermission(value));
  if (unknown.length > 0) {
    throw invalidParameter('permissions', `not a grantable permission: ${unknown.join(', ')}`);
  }
  return [...new Set(values as readonly Permission[])];
}

/**
 * Role names are unique within a partner (preset names included).
 *
 * @throws CBC.0409 naming `name`.
 */
export async function assertRoleNameFree(
  db: Db,
  partnerId: string,
  name: string,
  exceptRoleId: string | null,
): Promise<void> {
  const [taken] = await db
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.partnerId, partnerId), eq(roles.name, name)));
  if (taken && taken.id !== exceptRoleId) {
    throw new ApiError(Errors.CONFLICT, { field: 'name', detail: 'another role has this name' });
  }
}

/** Presets first in their defined order, then custom roles by name: the order the console lists. */
export function compareRoles(
  a: { code: string; isPreset: boolean; name: string },
  b: { code: string; isPreset: boolean; name: string },
): number {
  const rank = (role: { code: string; isPreset: boolean }) => {
    const index = role.isPreset ? presetRoles.findIndex((preset) => preset.code === role.code) : -1;
    return index === -1 ? presetRoles.length : index;
  };
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

/** The member `memberId` of the partner, or 404 (another partner's id is simply not found). */
export async function getMemberRow(
  db: Db,
  partnerId: string,
  memberId: string,
): Promise<MemberRow> {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.partnerId, partnerId), eq(members.id, memberId)));
  if (!row) throw new ApiError(Errors.NOT_FOUND, { detail: `member ${memberId} does not exist` });
  return row;
}

/** The role `roleId` of the partner, or 404. */
export async function getRoleRow(db: Db, partnerId: string, roleId: string): Promise<RoleRow> {
  const [row] = await db
    .select()
    .from(roles)
    .where(and(eq(roles.partnerId, partnerId), eq(roles.id, roleId)));
  if (!row) throw new ApiError(Errors.NOT_FOUND, { detail: `role ${roleId} does not exist` });
  return row;
}

/** The roles each of `memberIds` holds, keyed by member id. */
export async function loadRolesOfMembers(
  db: Db,
  partnerId: string,
  memberIds: readonly string[],
): Promise<Map<string, RoleRow[]>> {
  const held = new Map<string, RoleRow[]>();
  if (memberIds.length === 0) return held;
  const rows = await db
    .select({ memberId: memberRoles.memberId, role: roles })
    .from(memberRoles)
    .innerJoin(roles, eq(roles.id, memberRoles.roleId))
    .where(
      and(eq(memberRoles.partnerId, partnerId), inArray(memberRoles.memberId, [...memberIds])),
    );
  for (const { memberId, role } of rows) {
    const list = held.get(memberId) ?? [];
    list.push(role);
    held.set(memberId, list);
  }
  for (const list of held.values()) list.sort(compareRoles);
  return held;
}

export async function loadRolesOfMember(
  db: Db,
  partnerId: string,
  memberId: string,
): Promise<RoleRow[]> {
  return (await loadRolesOfMembers(db, partnerId, [memberId])).get(memberId) ?? [];
}

/** Shapes member rows for the console with two extra queries (roles, supervisor names). */
export async function toMemberViews(
  db: Db,
  partnerId: string,
  rows: readonly MemberRow[],
): Promise<MemberView[]> {
  const held = await loadRolesOfMembers(
    db,
    partnerId,
    rows.map((row) => row.id),
  );
  const supervisorIds = [
    ...new Set(rows.flatMap((row) => (row.supervisorId ? [row.supervisorId] : []))),
  ];
  const supervisors =
    supervisorIds.length === 0
      ? []
      : await db
          .select({ id: members.id, displayName: members.displayName })
          .from(members)
          .where(and(eq(members.partnerId, partnerId), inArray(members.id, supervisorIds)));
  const supervisorNames = new Map(supervisors.map((row) => [row.id, row.displayName]));
  return rows.map((row) => ({
    id: row.id,
    userName: row.userName,
    displayName: row.displayName,
    email: row.email,
    phone: row.phone,
    status: row.status,
    isOwner: row.isOwner,
    mustChangePassword: row.mustChangePassword,
    roles: (held.get(row.id) ?? []).map((role) => ({
      id: role.id,
      code: role.code,
      name: role.name,
    })),
    supervisorId: row.supervisorId,
    supervisorName: row.supervisorId ? (supervisorNames.get(row.supervisorId) ?? null) : null,
    createdAt: row.createdAt,
    lastLoginAt: row.lastLoginAt,
  }));
}

export async function getMemberView(
  db: Db,
  partnerId: string,
  memberId: string,
): Promise<MemberView> {
  const [view] = await toMemberViews(db, partnerId, [await getMemberRow(db, partnerId, memberId)]);
  if (!view) throw new Error('member view lost its row');
  return view;
}

/** What the audit trail keeps of a member: the row without secrets or login counters. */
export function memberSnapshot(
  row: MemberRow,
  roleCodes?: readonly string[],
): Record<string, unknown> {
  return {
    userName: row.userName,
    displayName: row.displayName,
    email: row.email,
    phone: row.phone,
    status: row.status,
    supervisorId: row.supervisorId,
    mustChangePassword: row.mustChangePassword,
    ...(roleCodes ? { roles: [...roleCodes] } : {}),
  };
}

export function roleSnapshot(row: RoleRow): Record<string, unknown> {
  return {
    code: row.code,
    name: row.name,
    description: row.description,
    permissions: row.permissions,
    dataScope: row.dataScope,
  };
}

/**
 * The roles `roleIds` name, checked against R-ORG-03. Unknown ids (including another partner's)
 * are bad input, reported on `role_ids`.
 *
 * @throws CBC.0100 naming `role_ids`.
 */
export async function resolveRoleSet(
  db: Db,
  partnerId: string,
  roleIds: readonly string[],
): Promise<RoleRow[]> {
  const unique = [...new Set(roleIds)];
  const found =
    unique.length === 0
      ? []
      : await db
          .select()
          .from(roles)
          .where(and(eq(roles.partnerId, partnerId), inArray(roles.id, unique)));
  const missing = unique.filter((id) => !found.some((role) => role.id === id));
  if (missing.length > 0) throw invalidParameter('role_ids', `no such role: ${missing.join(', ')}`);
  const problem = roleCombinationProblem(
    roleIds.map((id) => found.find((role) => role.id === id)?.code ?? id),
  );
  if (problem) throw invalidParameter('role_ids', problem);
  return found.sort(compareRoles);
}

/**
 * Checks that `supervisorId` may lead the member `memberId` holding `roleCodes`: only account
 * managers report to a supervisor, and only to a member of the same partner holding the
 * supervisor role.
 *
 * @throws CBC.0100 naming `supervisor_id`.
 */
export async function assertValidSupervisor(
  db: Db,
  partnerId: string,
  memberId: string | null,
  roleCodes: readonly string[],
  supervisorId: string,
): Promise<void> {
  if (!mayHaveSupervisor(roleCodes)) {
    throw invalidParameter('supervisor_id', 'only account managers report to a supervisor');
  }
  if (supervisorId === memberId)
    throw invalidParameter('supervisor_id', 'a member cannot supervise themselves');
  const [supervisor] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.partnerId, partnerId), eq(members.id, supervisorId)));
  if (!supervisor) throw invalidParameter('supervisor_id', 'no such member');
  const held = await loadRolesOfMember(db, partnerId, supervisorId);
  if (!maySupervise(held.map((role) => role.code))) {
    throw invalidParameter(
      'supervisor_id',
      'the supervisor must hold the account manager supervisor role',
    );
  }
}

function rightsOfPrincipal(principal: Principal): Rights {
  return { permissions: principal.permissions, dataScope: principal.dataScope };
}

/**
 * Fails unless the caller holds every right in `wanted`: a member manager cannot hand out, edit or
 * take over (by a password reset) rights they do not hold, so a custom role with member
 * management cannot promote its holder. The owner holds every right.
 *
 * @throws CBC.0151 naming the missing rights.
 */
export function assertCallerHolds(principal: Principal, wanted: Rights, what: string): void {
  if (principal.isOwner) return;
  const beyond = rightsBeyond(rightsOfPrincipal(principal), wanted);
  if (beyond.permissions.length === 0 && !beyond.scope) return;
  const missing = [
    ...beyond.permissions,
    ...(beyond.scope ? [`data scope ${wanted.dataScope}`] : []),
  ];
  throw new ApiError(Errors.ACCESS_DENIED, {
    detail: `${what} requires rights you do not hold: ${missing.join(', ')}`,
  });
}

/**
 * The member a manager acts on with `verb` (disable, delete, …): never the account owner, never
 * the caller themselves unless `allowSelf`, and only when the caller holds all the member's rights.
 *
 * @throws CBC.0404 for an unknown member; CBC.0410 for the owner or oneself; CBC.0151 for a member
 *   with rights beyond the caller's.
 */
export async function getManageableMember(
  db: Db,
  principal: Principal,
  memberId: string,
  verb: string,
  allowSelf = false,
): Promise<{ row: MemberRow; held: RoleRow[] }> {
  const row = await getMemberRow(db, principal.partnerId, memberId);
  if (row.isOwner) {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      detail: `cannot ${verb} the account owner`,
    });
  }
  if (!allowSelf && row.id === principal.id) {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      detail: `a member cannot ${verb} themselves`,
    });
  }
  const held = await loadRolesOfMember(db, principal.partnerId, memberId);
  assertCallerHolds(principal, combinedRights(held), `managing this member`);
  return { row, held };
}

export function rightsOf(permissions: readonly string[], dataScope: DataScope): Rights {
  return { permissions: new Set(permissions), dataScope };
}

/**
 * R-ORG-05: members who reported to `supervisorId` lose their supervisor and must be reassigned.
 * Returns how many were detached.
 */
export async function detachTeam(
  tx: Db,
  partnerId: string,
  supervisorId: string,
  at: Date,
): Promise<number> {
  const detached = await tx
    .update(members)
    .set({ supervisorId: null, updatedAt: at })
    .where(and(eq(members.partnerId, partnerId), eq(members.supervisorId, supervisorId)))
    .returning({ id: members.id });
  return detached.length;
}

/** Ends every live session and token of a member (password reset, disabling). */
export async function revokeSessions(
  tx: Db,
  partnerId: string,
  memberId: string,
  at: Date,
): Promise<void> {
  await tx
    .update(authSessions)
    .set({ revokedAt: at })
    .where(
      and(
        eq(authSessions.partnerId, partnerId),
        eq(authSessions.principalType, 'member'),
        eq(authSessions.principalId, memberId),
        isNull(authSessions.revokedAt),
      ),
    );
}

/** Removes every credential of a deleted member: sessions, tokens and access keys. */
export async function deleteCredentials(
  tx: Db,
  partnerId: string,
  memberId: string,
): Promise<void> {
  await tx
    .delete(authSessions)
    .where(
      and(
        eq(authSessions.partnerId, partnerId),
        eq(authSessions.principalType, 'member'),
        eq(authSessions.principalId, memberId),
      ),
    );
  await tx
    .delete(accessKeys)
    .where(
      and(
        eq(accessKeys.partnerId, partnerId),
        eq(accessKeys.principalType, 'member'),
        eq(accessKeys.principalId, memberId),
      ),
    );
}
