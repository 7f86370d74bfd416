import { and, count, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { DataScope } from '../../../platform/auth/principal.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { memberRoles, roles } from '../schema.ts';
import {
  assertCallerHolds,
  assertRoleNameFree,
  getRoleRow,
  parseRolePermissions,
  ROLE_RESOURCE,
  rightsOf,
  roleSnapshot,
  toRoleView,
  type RoleView,
} from './shared.ts';

export interface UpdateRoleInput {
  name?: string | undefined;
  description?: string | undefined;
  permissions?: string[] | undefined;
  dataScope?: DataScope | undefined;
}

/**
 * Edits a custom role; members holding it get the new rights on their next request. Preset roles
 * are not editable (R-ORG-07, R-ORG-08), and a caller edits only roles within their own rights.
 *
 * @throws CBC.0151 without `org.role.manage` or for rights the caller lacks; CBC.0404 for an
 *   unknown role; CBC.0410 for a preset role; CBC.0100 naming `permissions`; CBC.0409 naming `name`.
 */
export async function updateRole(
  ctx: ServiceContext,
  roleId: string,
  input: UpdateRoleInput,
): Promise<RoleView> {
  const principal = assertPermission(ctx, Permissions.ORG_ROLE_MANAGE);
  const { partnerId } = principal;
  const permissions = input.permissions ? parseRolePermissions(input.permissions) : undefined;
  return withTransaction(ctx.db, async (tx) => {
    const before = await getRoleRow(tx, partnerId, roleId);
    if (before.isPreset) {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, { detail: 'preset roles cannot be edited' });
    }
    assertCallerHolds(principal, rightsOf(before.permissions, before.dataScope), 'this role');
    assertCallerHolds(
      principal,
      rightsOf(permissions ?? before.permissions, input.dataScope ?? before.dataScope),
      'this role',
    );
    if (input.name !== undefined && input.name !== before.name) {
      await assertRoleNameFree(tx, partnerId, input.name, roleId);
    }
    const [after] = await tx
      .update(roles)
      .set({
        name: input.name,
        description: input.description,
        permissions,
        dataScope: input.dataScope,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(roles.partnerId, partnerId), eq(roles.id, roleId)))
      .returning();
    if (!after) throw new Error('role update returned nothing');
    await recordAudit(ctx, tx, {
      action: 'org.role.update',
      resourceType: ROLE_RESOURCE,
      resourceId: roleId,
      resourceName: after.name,
      before: roleSnapshot(before),
      after: roleSnapshot(after),
    });
    const [held] = await tx
      .select({ value: count() })
      .from(memberRoles)
      .where(and(eq(memberRoles.partnerId, partnerId), eq(memberRoles.roleId, roleId)));
    return toRoleView(after, held?.value ?? 0);
  });
}
