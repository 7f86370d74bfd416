import { and, count, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { memberRoles, roles } from '../schema.ts';
import { assertCallerHolds, getRoleRow, ROLE_RESOURCE, rightsOf, roleSnapshot } from './shared.ts';

/**
 * Deletes a custom role nobody holds (R-ORG-08); preset roles stay.
 *
 * @throws CBC.0151 without `org.role.manage` or for a role with rights the caller lacks; CBC.0404
 *   for an unknown role; CBC.0410 for a preset role or a role still held by members.
 */
export async function deleteRole(ctx: ServiceContext, roleId: string): Promise<void> {
  const principal = assertPermission(ctx, Permissions.ORG_ROLE_MANAGE);
  const { partnerId } = principal;
  await withTransaction(ctx.db, async (tx) => {
    const row = await getRoleRow(tx, partnerId, roleId);
    if (row.isPreset) {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
        detail: 'preset roles cannot be deleted',
      });
    }
    assertCallerHolds(principal, rightsOf(row.permissions, row.dataScope), 'this role');
    const [held] = await tx
      .select({ value: count() })
      .from(memberRoles)
      .where(and(eq(memberRoles.partnerId, partnerId), eq(memberRoles.roleId, roleId)));
    const memberCount = held?.value ?? 0;
    if (memberCount > 0) {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
        detail: `the role is held by ${memberCount} member(s); reassign them first`,
      });
    }
    await tx.delete(roles).where(and(eq(roles.partnerId, partnerId), eq(roles.id, roleId)));
    await recordAudit(ctx, tx, {
      action: 'org.role.delete',
      resourceType: ROLE_RESOURCE,
      resourceId: roleId,
      resourceName: row.name,
      before: roleSnapshot(row),
    });
  });
}
