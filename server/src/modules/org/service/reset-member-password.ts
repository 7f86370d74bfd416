import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertPermission } from '../../../platform/auth/authorize.ts';
import { assertPasswordPolicy, hashPassword } from '../../../platform/auth/passwords.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { members } from '../schema.ts';
import { getManageableMember, MEMBER_RESOURCE, revokeSessions } from './shared.ts';

/**
 * Sets a new password chosen by an administrator (修改密码). The member must change it at their
 * next login, a login lock is lifted, and every open session of the member ends. The owner's
 * password is changed only by the owner.
 *
 * @throws CBC.0151 without `org.member.manage` or for a member with rights the caller lacks;
 *   CBC.0404 for an unknown member; CBC.0410 for the account owner; CBC.0100 naming `new_password`.
 */
export async function resetMemberPassword(
  ctx: ServiceContext,
  memberId: string,
  newPassword: string,
): Promise<void> {
  const principal = assertPermission(ctx, Permissions.ORG_MEMBER_MANAGE);
  const { partnerId } = principal;
  await withTransaction(ctx.db, async (tx) => {
    const { row } = await getManageableMember(
      tx,
      principal,
      memberId,
      'reset the password of',
      true,
    );
    assertPasswordPolicy(newPassword, 'new_password', row.userName);
    const now = ctx.clock.now();
    await tx
      .update(members)
      .set({
        passwordHash: await hashPassword(newPassword),
        mustChangePassword: true,
        failedLoginCount: 0,
        lockedUntil: null,
        updatedAt: now,
      })
      .where(and(eq(members.partnerId, partnerId), eq(members.id, memberId)));
    await revokeSessions(tx, partnerId, memberId, now);
    await recordAudit(ctx, tx, {
      action: 'org.member.reset_password',
      resourceType: MEMBER_RESOURCE,
      resourceId: memberId,
      resourceName: row.userName,
      before: { mustChangePassword: row.mustChangePassword },
      after: { mustChangePassword: true },
    });
  });
}
