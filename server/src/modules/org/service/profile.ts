import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import { requirePrincipal, type ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { members } from '../schema.ts';
import { getMemberRow, MEMBER_RESOURCE, memberSnapshot, type MemberRow } from './shared.ts';

/** A member's own personal information (个人资料). */
export interface Profile {
  userName: string;
  displayName: string;
  email: string;
  phone: string;
  accountName: string;
  isOwner: boolean;
}

export interface UpdateProfileInput {
  displayName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

function memberPrincipal(ctx: ServiceContext): Principal {
  const principal = requirePrincipal(ctx);
  if (principal.type !== 'member') {
    throw new ApiError(Errors.ACCESS_DENIED, {
      detail: 'only organization members have a profile',
    });
  }
  return principal;
}

function toProfile(principal: Principal, row: MemberRow): Profile {
  return {
    userName: row.userName,
    displayName: row.displayName,
    email: row.email,
    phone: row.phone,
    accountName: principal.accountName,
    isOwner: row.isOwner,
  };
}

/**
 * The caller's own profile; every member may read it, whatever their roles (§1.4).
 *
 * @throws CBC.0151 for a caller who is not an organization member.
 */
export async function getProfile(ctx: ServiceContext): Promise<Profile> {
  const principal = memberPrincipal(ctx);
  return toProfile(principal, await getMemberRow(ctx.db, principal.partnerId, principal.id));
}

/**
 * Changes the caller's own display name, e-mail or phone; every member may, whatever their roles.
 *
 * @throws CBC.0151 for a caller who is not an organization member.
 */
export async function updateProfile(
  ctx: ServiceContext,
  input: UpdateProfileInput,
): Promise<Profile> {
  const principal = memberPrincipal(ctx);
  const row = await withTransaction(ctx.db, async (tx) => {
    const before = await getMemberRow(tx, principal.partnerId, principal.id);
    const [after] = await tx
      .update(members)
      .set({
        displayName: input.displayName,
        email: input.email,
        phone: input.phone,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(members.partnerId, principal.partnerId), eq(members.id, principal.id)))
      .returning();
    if (!after) throw new Error('member update returned nothing');
    await recordAudit(ctx, tx, {
      action: 'org.profile.update',
      resourceType: MEMBER_RESOURCE,
      resourceId: after.id,
      resourceName: after.userName,
      before: memberSnapshot(before),
      after: memberSnapshot(after),
    });
    return after;
  });
  return toProfile(principal, row);
}
