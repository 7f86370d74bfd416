import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { members, type MemberStatus } from '../schema.ts';
import {
  getManageableMember,
  getMemberView,
  MEMBER_RESOURCE,
  memberSnapshot,
  revokeSessions,
  type MemberView,
} from './shared.ts';

async function setMemberStatus(
  ctx: ServiceContext,
  memberId: string,
  status: MemberStatus,
): Promise<MemberView> {
  const principal = assertPermission(ctx, Permissions.ORG_MEMBER_MANAGE);
  const { partnerId } = principal;
  const verb = status === 'disabled' ? 'disable' : 'enable';
  await withTransaction(ctx.db, async (tx) => {
    const { row: before } = await getManageableMember(tx, principal, memberId, verb);
    if (before.status === status) return;
    const now = ctx.clock.now();
    const [after] = await tx
      .update(members)
      .set({ status, updatedAt: now })
      .where(and(eq(members.partnerId, partnerId), eq(members.id, memberId)))
      .returning();
    if (!after) throw new Error('member update returned nothing');
    if (status === 'disabled') await revokeSessions(tx, partnerId, memberId, now);
    await recordAudit(ctx, tx, {
      action: `org.member.${verb}`,
      resourceType: MEMBER_RESOURCE,
      resourceId: memberId,
      resourceName: after.userName,
      before: memberSnapshot(before),
      after: memberSnapshot(after),
    });
  });
  return getMemberView(ctx.db, partnerId, memberId);
}

/**
 * Disables a member: they can no longer log in or call the API, and their open sessions end.
 * Disabling an already disabled member changes nothing.
 *
 * @throws CBC.0151 without `org.member.manage` or for a member with rights the caller lacks;
 *   CBC.0404 for an unknown member; CBC.0410 for the account owner or oneself.
 */
export function disableMember(ctx: ServiceContext, memberId: string): Promise<MemberView> {
  return setMemberStatus(ctx, memberId, 'disabled');
}

/**
 * Enables a disabled member again; enabling an active member changes nothing.
 *
 * @throws CBC.0151 without `org.member.manage` or for a member with rights the caller lacks;
 *   CBC.0404 for an unknown member; CBC.0410 for the account owner or oneself.
 */
export function enableMember(ctx: ServiceContext, memberId: string): Promise<MemberView> {
  return setMemberStatus(ctx, memberId, 'active');
}
