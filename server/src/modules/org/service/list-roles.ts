import { count, eq } from 'drizzle-orm';
import { assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { permissionCatalogue, type PermissionCatalogueEntry } from '../rules.ts';
import { memberRoles, roles } from '../schema.ts';
import { compareRoles, toRoleView, type RoleView } from './shared.ts';

/**
 * The organisation's roles (P-60 角色管理), presets first, each with how many members hold it.
 *
 * @throws CBC.0151 without `org.member.view`.
 */
export async function listRoles(ctx: ServiceContext): Promise<RoleView[]> {
  const { partnerId } = assertPermission(ctx, Permissions.ORG_MEMBER_VIEW);
  const rows = await ctx.db
    .select({ role: roles, memberCount: count(memberRoles.memberId) })
    .from(roles)
    .leftJoin(memberRoles, eq(memberRoles.roleId, roles.id))
    .where(eq(roles.partnerId, partnerId))
    .groupBy(roles.id);
  return rows
    .sort((a, b) => compareRoles(a.role, b.role))
    .map(({ role, memberCount }) => toRoleView(role, memberCount));
}

/**
 * The permission items a role may carry, with their group and labels, for the role editor.
 *
 * @throws CBC.0151 without `org.member.view`.
 */
export function listPermissions(ctx: ServiceContext): PermissionCatalogueEntry[] {
  assertPermission(ctx, Permissions.ORG_MEMBER_VIEW);
  return permissionCatalogue();
}
