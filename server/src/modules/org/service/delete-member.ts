import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { memberRoles, members } from '../schema.ts';
import {
  deleteCredentials,
  detachTeam,
  getManageableMember,
  MEMBER_RESOURCE,
  memberSnapshot,
} from './shared.ts';

/**
 * Deletes a member with their role assignments, sessions, tokens and access keys. Account
 * managers they supervised lose their supervisor (R-ORG-05) and must be reassigned.
 *
 * @throws CBC.0151 without `org.member.manage` or for a member with rights the caller lacks;
 *   CBC.0404 for an unknown member; CBC.0410 for the account owner or oneself.
 */
export async function deleteMember(ctx: ServiceContext, memberId: string): Promise<void> {
  const principal = assertPermission(ctx, Permissions.ORG_MEMBER_MANAGE);
  const { partnerId } = principal;
  await withTransaction(ctx.db, async (tx) => {
    const { row, held } = await getManageableMember(tx, principal, memberId, 'delete');
    const detached = await detachTeam(tx, partnerId, memberId, ctx.clock.now());
    await deleteCredentials(tx, partnerId, memberId);
    await tx
      .delete(memberRoles)
      .where(and(eq(memberRoles.partnerId, partnerId), eq(memberRoles.memberId, memberId)));
    await tx.delete(members).where(and(eq(members.partnerId, partnerId), eq(members.id, memberId)));
    await recordAudit(ctx, tx, {
      action: 'org.member.delete',
      resourceType: MEMBER_RESOURCE,
      resourceId: memberId,
      resourceName: row.userName,
      before: memberSnapshot(
        row,
        held.map((role) => role.code),
      ),
      after: { detachedAccountManagers: detached },
    });
  });
}
