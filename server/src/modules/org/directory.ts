import { and, eq } from 'drizzle-orm';
import type { PrincipalDirectory } from '../../platform/auth/directory.ts';
import type { Db } from '../../platform/db/index.ts';
import type { DataScope } from '../../platform/auth/principal.ts';
import {
  allPermissions,
  defaultPermissions,
  operatorPermissions,
  type Permission,
} from '../../platform/auth/permissions.ts';
import { findPartnerById, findPartnerByName } from '../partners/index.ts';
import { memberRoles, members, roles } from './schema.ts';

/**
 * The widest scope among a member's roles (R-ORG-04): an account manager who also holds any
 * other role that reaches all customers sees all customers.
 */
export function mergeDataScopes(scopes: readonly DataScope[]): DataScope {
  if (scopes.includes('all')) return 'all';
  if (scopes.includes('team')) return 'team';
  return 'mine';
}

/** Members and the account owner, as the authentication platform sees them. */
export const memberDirectory: PrincipalDirectory = {
  async loadPrincipal(db, ref, method) {
    if (ref.type !== 'member') return null;
    const [member] = await db
      .select()
      .from(members)
      .where(and(eq(members.id, ref.id), eq(members.partnerId, ref.partnerId)));
    if (!member || member.status !== 'active') return null;
    const partner = await findPartnerById(db, member.partnerId);
    if (!partner || partner.status !== 'active') return null;

    let permissions: Set<Permission>;
    let dataScope: DataScope;
    if (member.isOwner) {
      permissions = new Set(allPermissions);
      dataScope = 'all';
    } else {
      const held = await db
        .select({ permissions: roles.permissions, dataScope: roles.dataScope })
        .from(memberRoles)
        .innerJoin(roles, eq(roles.id, memberRoles.roleId))
        .where(and(eq(memberRoles.memberId, member.id), eq(memberRoles.partnerId, member.partnerId)));
      permissions = new Set<Permission>(defaultPermissions);
      for (const role of held) {
        for (const permission of role.permissions) {
          if ((allPermissions as readonly string[]).includes(permission)) permissions.add(permission as Permission);
        }
      }
      dataScope = held.length === 0 ? 'mine' : mergeDataScopes(held.map((role) => role.dataScope));
    }
    if (partner.partnerType !== 'operator') {
      for (const permission of operatorPermissions) permissions.delete(permission);
    }

    const team =
      dataScope === 'team'
        ? await db
            .select({ id: members.id })
            .from(members)
            .where(and(eq(members.partnerId, member.partnerId), eq(members.supervisorId, member.id)))
        : [];

    return {
      type: 'member',
      id: member.id,
      partnerId: member.partnerId,
      accountType: partner.partnerType,
      accountName: partner.name,
      userName: member.userName,
      displayName: member.displayName,
      isOwner: member.isOwner,
      permissions,
      dataScope,
      teamMemberIds: team.map((row) => row.id),
      authMethod: method,
      mustChangePassword: member.mustChangePassword,
    };
  },

  async findLoginCredential(db, accountName, userName) {
    const partner = await findPartnerByName(db, accountName);
    if (!partner) return null;
    const ownerLogin = userName === undefined || userName === '' || userName === accountName;
    const [member] = await db
      .select()
      .from(members)
      .where(
        and(
          eq(members.partnerId, partner.id),
          ownerLogin ? eq(members.isOwner, true) : eq(members.userName, userName),
        ),
      );
    if (!member) return null;
    return {
      ref: { type: 'member', id: member.id, partnerId: partner.id },
      accountName: partner.name,
      userName: member.userName,
      passwordHash: member.passwordHash,
      isEnabled: member.status === 'active' && partner.status === 'active',
      failedLoginCount: member.failedLoginCount,
      lockedUntil: member.lockedUntil,
    };
  },

  async recordLoginFailure(db, ref, failedLoginCount, lockedUntil) {
    await db
      .update(members)
      .set({ failedLoginCount, lockedUntil })
      .where(and(eq(members.id, ref.id), eq(members.partnerId, ref.partnerId)));
  },

  async recordLoginSuccess(db, ref, at) {
    await db
      .update(members)
      .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: at })
      .where(and(eq(members.id, ref.id), eq(members.partnerId, ref.partnerId)));
  },

  async findAccount(db, partnerId) {
    const partner = await findPartnerById(db, partnerId);
    if (!partner) return null;
    return { id: partner.id, name: partner.name, enabled: partner.status === 'active' };
  },
};
