import { and, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import type { DataScope } from '../../platform/auth/principal.ts';
import {
  allPermissions,
  defaultPermissions,
  type Permission,
} from '../../platform/auth/permissions.ts';
import { mergeDataScopes, roleDataScope, rolePermissions } from './rules.ts';
import { memberRoles, members, roles } from './schema.ts';

export { mergeDataScopes } from './rules.ts';

export type MemberRow = typeof members.$inferSelect;

export interface MemberAuthorization {
  member: MemberRow;
  permissions: Set<Permission>;
  dataScope: DataScope;
  teamMemberIds: string[];
}

/**
 * A member with the rights their roles give them; the owner holds every right over all data.
 * Runs on every authenticated request, so the member and their roles come in one query (one row
 * per role, or one row without a role).
 */
export async function loadMemberAuthorization(
  db: Db,
  partnerId: string,
  memberId: string,
): Promise<MemberAuthorization | null> {
  const rows = await db
    .select({
      member: members,
      role: {
        code: roles.code,
        isPreset: roles.isPreset,
        permissions: roles.permissions,
        dataScope: roles.dataScope,
      },
    })
    .from(members)
    .leftJoin(
      memberRoles,
      and(eq(memberRoles.memberId, members.id), eq(memberRoles.partnerId, partnerId)),
    )
    .leftJoin(roles, eq(roles.id, memberRoles.roleId))
    .where(and(eq(members.id, memberId), eq(members.partnerId, partnerId)));
  const member = rows[0]?.member;
  if (!member) return null;
  if (member.isOwner) {
    return { member, permissions: new Set(allPermissions), dataScope: 'all', teamMemberIds: [] };
  }
  const held = rows.flatMap((row) => (row.role ? [row.role] : []));
  const permissions = new Set<Permission>(defaultPermissions);
  for (const role of held) {
    for (const permission of rolePermissions(role)) permissions.add(permission);
  }
  const dataScope = mergeDataScopes(held.map(roleDataScope));
  const team =
    dataScope === 'team'
      ? await db
          .select({ id: members.id })
          .from(members)
          .where(and(eq(members.partnerId, partnerId), eq(members.supervisorId, member.id)))
      : [];
  return { member, permissions, dataScope, teamMemberIds: team.map((row) => row.id) };
}

/** The member a login names: the owner when `userName` is absent, otherwise that user. */
export async function findMemberForLogin(
  db: Db,
  partnerId: string,
  userName: string | undefined,
): Promise<MemberRow | null> {
  const [member] = await db
    .select()
    .from(members)
    .where(
      and(
        eq(members.partnerId, partnerId),
        userName === undefined ? eq(members.isOwner, true) : eq(members.userName, userName),
      ),
    );
  return member ?? null;
}

export async function recordMemberLoginFailure(
  db: Db,
  partnerId: string,
  memberId: string,
  failedLoginCount: number,
  lockedUntil: Date | null,
): Promise<void> {
  await db
    .update(members)
    .set({ failedLoginCount, lockedUntil })
    .where(and(eq(members.id, memberId), eq(members.partnerId, partnerId)));
}

export async function recordMemberLoginSuccess(
  db: Db,
  partnerId: string,
  memberId: string,
  at: Date,
): Promise<void> {
  await db
    .update(members)
    .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: at })
    .where(and(eq(members.id, memberId), eq(members.partnerId, partnerId)));
}

/** Stores a member's new password hash and lifts the "must change password" flag. */
export async function changeMemberPassword(
  db: Db,
  partnerId: string,
  memberId: string,
  passwordHash: string,
  at: Date,
): Promise<void> {
  await db
    .update(members)
    .set({ passwordHash, mustChangePassword: false, updatedAt: at })
    .where(and(eq(members.id, memberId), eq(members.partnerId, partnerId)));
}

/** A member holding one of the asked-for roles, as other modules list or check role holders. */
export interface RoleHolder {
  id: string;
  userName: string;
  displayName: string;
  roleCode: string;
}

/**
 * The active members of `partnerId` holding a role whose code is in `roleCodes` (one row per
 * member and role), optionally only among `memberIds`. Customers use it to find account managers.
 */
export async function findRoleHolders(
  db: Db,
  partnerId: string,
  roleCodes: readonly string[],
  memberIds?: readonly string[],
): Promise<RoleHolder[]> {
  if (roleCodes.length === 0 || memberIds?.length === 0) return [];
  const conditions = [
    eq(members.partnerId, partnerId),
    eq(members.status, 'active'),
    inArray(roles.code, [...roleCodes]),
  ];
  if (memberIds) conditions.push(inArray(members.id, [...memberIds]));
  return db
    .select({
      id: members.id,
      userName: members.userName,
      displayName: members.displayName,
      roleCode: roles.code,
    })
    .from(members)
    .innerJoin(
      memberRoles,
      and(eq(memberRoles.memberId, members.id), eq(memberRoles.partnerId, partnerId)),
    )
    .innerJoin(roles, and(eq(roles.id, memberRoles.roleId), eq(roles.partnerId, partnerId)))
    .where(and(...conditions))
    .orderBy(members.userName);
}

/** A member's names, for views in other modules. */
export interface MemberNames {
  id: string;
  userName: string;
  displayName: string;
}

/**
 * A column for another module's query: the names of member `memberId` of partner `partnerId` as
 * one JSON object (a MemberNames), or null. It saves a list the round trip of findMemberNames.
 */
export function memberNamesColumn(
  partnerId: SQLWrapper,
  memberId: SQLWrapper,
): SQL<MemberNames | null> {
  return sql<MemberNames | null>`(select json_build_object('id', ${members.id}, 'userName', ${members.userName}, 'displayName', ${members.displayName}) from ${members} where ${members.partnerId} = ${partnerId} and ${members.id} = ${memberId})`;
}

/** The names of the members of `partnerId` among `memberIds` (unknown ids are left out). */
export async function findMemberNames(
  db: Db,
  partnerId: string,
  memberIds: readonly string[],
): Promise<MemberNames[]> {
  if (memberIds.length === 0) return [];
  return db
    .select({ id: members.id, userName: members.userName, displayName: members.displayName })
    .from(members)
    .where(and(eq(members.partnerId, partnerId), inArray(members.id, [...new Set(memberIds)])));
}
