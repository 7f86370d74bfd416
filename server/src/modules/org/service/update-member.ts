import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { combinedRights } from '../rules.ts';
import { members } from '../schema.ts';
import {
  assertCallerHolds,
  assertValidSupervisor,
  getMemberRow,
  getMemberView,
  loadRolesOfMember,
  MEMBER_RESOURCE,
  memberSnapshot,
  type MemberView,
} from './shared.ts';

export interface UpdateMemberInput {
  displayName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  /** A supervisor for an account manager; `null` removes it. */
  supervisorId?: string | null | undefined;
}

/**
 * Changes a member's details (the user name never changes, §1.4). Only the owner edits the
 * owner's own record, since its e-mail is where account recovery goes.
 *
 * @throws CBC.0151 without `org.member.manage`, for the owner's record unless the caller is the
 *   owner, or when the member holds rights the caller lacks; CBC.0404 for an unknown member;
 *   CBC.0100 naming `supervisor_id`.
 */
export async function updateMember(
  ctx: ServiceContext,
  memberId: string,
  input: UpdateMemberInput,
): Promise<MemberView> {
  const principal = assertPermission(ctx, Permissions.ORG_MEMBER_MANAGE);
  const { partnerId } = principal;
  await withTransaction(ctx.db, async (tx) => {
    const before = await getMemberRow(tx, partnerId, memberId);
    if (before.isOwner && !principal.isOwner) {
      throw new ApiError(Errors.ACCESS_DENIED, {
        detail: "only the owner changes the owner's details",
      });
    }
    const held = await loadRolesOfMember(tx, partnerId, memberId);
    assertCallerHolds(principal, combinedRights(held), 'managing this member');
    if (input.supervisorId) {
      await assertValidSupervisor(
        tx,
        partnerId,
        memberId,
        held.map((role) => role.code),
        input.supervisorId,
      );
    }
    const [after] = await tx
      .update(members)
      .set({
        displayName: input.displayName,
        email: input.email,
        phone: input.phone,
        supervisorId: input.supervisorId,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(members.partnerId, partnerId), eq(members.id, memberId)))
      .returning();
    if (!after) throw new Error('member update returned nothing');
    await recordAudit(ctx, tx, {
      action: 'org.member.update',
      resourceType: MEMBER_RESOURCE,
      resourceId: memberId,
      resourceName: after.userName,
      before: memberSnapshot(before),
      after: memberSnapshot(after),
    });
  });
  return getMemberView(ctx.db, partnerId, memberId);
}
