import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertPermission } from '../../../platform/auth/authorize.ts';
import { assertPasswordPolicy, hashPassword } from '../../../platform/auth/passwords.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import { combinedRights } from '../rules.ts';
import { memberRoles, members } from '../schema.ts';
import {
  assertCallerHolds,
  assertValidSupervisor,
  getMemberView,
  MEMBER_RESOURCE,
  memberSnapshot,
  resolveRoleSet,
  type MemberView,
} from './shared.ts';

export interface CreateMemberInput {
  userName: string;
  displayName: string;
  email?: string | undefined;
  phone?: string | undefined;
  /** Initial password chosen by the administrator; the member must change it at first login. */
  password: string;
  roleIds: string[];
  supervisorId?: string | null | undefined;
}

/**
 * Creates an organisation member (R-ORG-01) with 1–3 roles (R-ORG-03). The user name is unique
 * within the partner and never changes afterwards; the initial password must be changed at first
 * login (R-ORG-02). A supervisor may be named only for account managers.
 *
 * @throws CBC.0151 without `org.member.manage` or when the roles carry rights the caller lacks;
 *   CBC.0100 naming `password`, `role_ids` or `supervisor_id`; CBC.0409 naming `user_name` when taken.
 */
export async function createMember(
  ctx: ServiceContext,
  input: CreateMemberInput,
): Promise<MemberView> {
  const principal = assertPermission(ctx, Permissions.ORG_MEMBER_MANAGE);
  const { partnerId } = principal;
  assertPasswordPolicy(input.password, 'password', input.userName);
  const held = await resolveRoleSet(ctx.db, partnerId, input.roleIds);
  assertCallerHolds(principal, combinedRights(held), 'granting these roles');
  const codes = held.map((role) => role.code);
  if (input.supervisorId) {
    await assertValidSupervisor(ctx.db, partnerId, null, codes, input.supervisorId);
  }
  const passwordHash = await hashPassword(input.password);
  const memberId = await withTransaction(ctx.db, async (tx) => {
    const [taken] = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.partnerId, partnerId), eq(members.userName, input.userName)));
    if (taken)
      throw new ApiError(Errors.CONFLICT, { field: 'user_name', detail: 'is already taken' });
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(members)
      .values({
        id: newId(),
        partnerId,
        userName: input.userName,
        displayName: input.displayName,
        email: input.email ?? '',
        phone: input.phone ?? '',
        passwordHash,
        supervisorId: input.supervisorId ?? null,
        mustChangePassword: true,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('member insert returned nothing');
    await tx
      .insert(memberRoles)
      .values(held.map((role) => ({ partnerId, memberId: row.id, roleId: role.id })));
    await recordAudit(ctx, tx, {
      action: 'org.member.create',
      resourceType: MEMBER_RESOURCE,
      resourceId: row.id,
      resourceName: row.userName,
      after: memberSnapshot(row, codes),
    });
    return row.id;
  });
  return getMemberView(ctx.db, partnerId, memberId);
}
