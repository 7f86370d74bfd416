import { and, count, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { DataScope } from '../../../platform/auth/principal.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import { CUSTOM_ROLE_LIMIT } from '../rules.ts';
import { roles } from '../schema.ts';
import {
  assertCallerHolds,
  assertRoleNameFree,
  parseRolePermissions,
  ROLE_RESOURCE,
  rightsOf,
  roleSnapshot,
  toRoleView,
  type RoleView,
} from './shared.ts';

export interface CreateRoleInput {
  name: string;
  description?: string | undefined;
  permissions: string[];
  dataScope: DataScope;
}

/**
 * Creates a custom role (创建自定义角色). R-ORG-08: at most 10 custom roles per partner; names are
 * unique; operator rights are never grantable, and a caller grants only rights they hold.
 *
 * @throws CBC.0151 without `org.role.manage` or for rights the caller lacks; CBC.0100 naming
 *   `permissions`; CBC.0409 naming `name`; CBC.0411 when the partner already has 10 custom roles.
 */
export async function createRole(ctx: ServiceContext, input: CreateRoleInput): Promise<RoleView> {
  const principal = assertPermission(ctx, Permissions.ORG_ROLE_MANAGE);
  const { partnerId } = principal;
  const permissions = parseRolePermissions(input.permissions);
  assertCallerHolds(principal, rightsOf(permissions, input.dataScope), 'this role');
  const row = await withTransaction(ctx.db, async (tx) => {
    // Serialises role creation per partner, so two concurrent requests cannot both pass the limit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`org.roles:${partnerId}`}))`);
    const [custom] = await tx
      .select({ value: count() })
      .from(roles)
      .where(and(eq(roles.partnerId, partnerId), eq(roles.isPreset, false)));
    if ((custom?.value ?? 0) >= CUSTOM_ROLE_LIMIT) {
      throw new ApiError(Errors.LIMIT_EXCEEDED, {
        detail: `a partner may have at most ${CUSTOM_ROLE_LIMIT} custom roles`,
      });
    }
    await assertRoleNameFree(tx, partnerId, input.name, null);
    const now = ctx.clock.now();
    const id = newId();
    const [created] = await tx
      .insert(roles)
      .values({
        id,
        partnerId,
        code: `custom_${id}`,
        name: input.name,
        description: input.description ?? '',
        permissions,
        dataScope: input.dataScope,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error('role insert returned nothing');
    await recordAudit(ctx, tx, {
      action: 'org.role.create',
      resourceType: ROLE_RESOURCE,
      resourceId: created.id,
      resourceName: created.name,
      after: roleSnapshot(created),
    });
    return created;
  });
  return toRoleView(row, 0);
}
