import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { combinedRights, mayHaveSupervisor, maySupervise } from '../rules.ts';
import { memberRoles, members } from '../schema.ts';
import {
  assertCallerHolds,
  detachTeam,
  getManageableMember,
  getMemberView,
  MEMBER_RESOURCE,
  memberSnapshot,
  resolveRoleSet,
  type MemberView,
} from './shared.ts';

export interface AssignMemberRolesResult {
  member: MemberView;
  /** Account managers who lost their supervisor because the member lost the supervisor role. */
  detachedAccountManagers: number;
}

/**
 * Replaces a member's roles (分配角色). R-ORG-03: 1–3 roles, 系统管理员 alone, never 客户经理 with
 * 客户经理主管. R-ORG-05: a member who loses 客户经理主管 leaves their account managers without a
 * supervisor (they must be reassigned); a member who stops being an account manager loses their
 * supervisor.
 *
 * @throws CBC.0151 without `org.member.manage`, or when the old or new roles carry rights the
 *   caller lacks; CBC.0404 for an unknown member; CBC.0410 for the account owner; CBC.0100 naming
 *   `role_ids`.
 */
export async function assignMemberRoles(
  ctx: ServiceContext,
  memberId: string,
  roleIds: string[],
): Promise<AssignMemberRolesResult> {
  const principal = assertPermission(ctx, Permissions.ORG_MEMBER_MANAGE);
  const { partnerId } = principal;
  const detachedAccountManagers = await withTransaction(ctx.db, async (tx) => {
    const { row: before, held: previous } = await getManageableMember(
      tx,
      principal,
      memberId,
      'change the roles of',
      true,
    );
    const next = await resolveRoleSet(tx, partnerId, roleIds);
    assertCallerHolds(principal, combinedRights(next), 'granting these roles');
    const previousCodes = previous.map((role) => role.code);
    const nextCodes = next.map((role) => role.code);
    const now = ctx.clock.now();
    const detached =
      maySupervise(previousCodes) && !maySupervise(nextCodes)
        ? await detachTeam(tx, partnerId, memberId, now)
        : 0;
    const [after] = await tx
      .update(members)
      .set({
        supervisorId: mayHaveSupervisor(nextCodes) ? before.supervisorId : null,
        updatedAt: now,
      })
      .where(and(eq(members.partnerId, partnerId), eq(members.id, memberId)))
      .returning();
    if (!after) throw new Error('member update returned nothing');
    await tx
      .delete(memberRoles)
      .where(and(eq(memberRoles.partnerId, partnerId), eq(memberRoles.memberId, memberId)));
    await tx
      .insert(memberRoles)
      .values(next.map((role) => ({ partnerId, memberId, roleId: role.id })));
    await recordAudit(ctx, tx, {
      action: 'org.member.assign_roles',
      resourceType: MEMBER_RESOURCE,
      resourceId: memberId,
      resourceName: before.userName,
      before: memberSnapshot(before, previousCodes),
      after: { ...memberSnapshot(after, nextCodes), detachedAccountManagers: detached },
    });
    return detached;
  });
  return { member: await getMemberView(ctx.db, partnerId, memberId), detachedAccountManagers };
}
