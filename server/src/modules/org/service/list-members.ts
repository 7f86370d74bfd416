import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import { memberRoles, members, type MemberStatus } from '../schema.ts';
import { getMemberView, toMemberViews, type MemberView } from './shared.ts';

export interface MemberFilters {
  /** Matches user name, display name or e-mail, case-insensitively, anywhere in the text. */
  keyword?: string | undefined;
  roleId?: string | undefined;
  status?: MemberStatus | undefined;
}

/** LIKE treats `%`, `_` and the escape character as patterns; a keyword means its literal text. */
function likePattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Lists the organisation's members (P-60 人员管理), the owner first, then by creation time.
 * Members with `org.member.view` see every member of their partner.
 *
 * @throws CBC.0151 without `org.member.view`.
 */
export async function listMembers(
  ctx: ServiceContext,
  filters: MemberFilters,
  page: Page,
): Promise<PagedResult<MemberView>> {
  const { partnerId } = assertPermission(ctx, Permissions.ORG_MEMBER_VIEW);
  const conditions: SQL[] = [eq(members.partnerId, partnerId)];
  if (filters.keyword) {
    const pattern = likePattern(filters.keyword);
    const matches = or(
      ilike(members.userName, pattern),
      ilike(members.displayName, pattern),
      ilike(members.email, pattern),
    );
    if (matches) conditions.push(matches);
  }
  if (filters.roleId) {
    const holders = ctx.db
      .select({ memberId: memberRoles.memberId })
      .from(memberRoles)
      .where(and(eq(memberRoles.partnerId, partnerId), eq(memberRoles.roleId, filters.roleId)));
    conditions.push(inArray(members.id, holders));
  }
  if (filters.status) conditions.push(eq(members.status, filters.status));
  const where = and(...conditions);
  const [total] = await ctx.db.select({ value: count() }).from(members).where(where);
  const rows = await ctx.db
    .select()
    .from(members)
    .where(where)
    .orderBy(desc(members.isOwner), asc(members.createdAt), asc(members.id))
    .limit(page.limit)
    .offset(page.offset);
  return { items: await toMemberViews(ctx.db, partnerId, rows), totalCount: total?.value ?? 0 };
}

/**
 * One member of the caller's organisation.
 *
 * @throws CBC.0151 without `org.member.view`; CBC.0404 when the id is not one of the partner's members.
 */
export async function getMember(ctx: ServiceContext, memberId: string): Promise<MemberView> {
  const { partnerId } = assertPermission(ctx, Permissions.ORG_MEMBER_VIEW);
  return getMemberView(ctx.db, partnerId, memberId);
}
