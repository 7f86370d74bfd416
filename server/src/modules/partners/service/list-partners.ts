import { and, count, desc, eq, ilike, inArray, ne, or, type SQL } from 'drizzle-orm';
import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import type { ProgramPartnerType } from '../rules.ts';
import { partnerCertifications, partners, type CertificationStatus } from '../schema.ts';
import {
  likePattern,
  selectPartnersWithRefs,
  toPartnerWithRefs,
  type PartnerRef,
  type PartnerRow,
  type ProgramRef,
} from './shared.ts';

export interface PartnerFilters {
  /** Part of the account name, company name or e-mail, case-insensitive. */
  keyword?: string | undefined;
  partnerType?: ProgramPartnerType | undefined;
}

/** A partner as the operator's partner list shows it. */
export interface PartnerListItem extends PartnerRow {
  program: ProgramRef | null;
  parent: PartnerRef | null;
  certificationStatus: CertificationStatus;
}

/**
 * The operator's list of partner accounts (the operator's own account excluded), newest first,
 * with programme, parent distributor and certification status.
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.partner.manage`.
 */
export async function listPartners(
  ctx: ServiceContext,
  filters: PartnerFilters,
  page: Page,
): Promise<PagedResult<PartnerListItem>> {
  assertAccountType(ctx, ['operator']);
  assertPermission(ctx, Permissions.OPERATOR_PARTNER_MANAGE);
  const conditions: SQL[] = [ne(partners.partnerType, 'operator')];
  if (filters.partnerType) conditions.push(eq(partners.partnerType, filters.partnerType));
  if (filters.keyword) {
    const pattern = likePattern(filters.keyword);
    const matches = or(
      ilike(partners.name, pattern),
      ilike(partners.companyName, pattern),
      ilike(partners.email, pattern),
    );
    if (matches) conditions.push(matches);
  }
  const where = and(...conditions);
  const [total] = await ctx.db.select({ value: count() }).from(partners).where(where);
  const rows = await selectPartnersWithRefs(ctx.db)
    .where(where)
    .orderBy(desc(partners.createdAt), desc(partners.id))
    .limit(page.limit)
    .offset(page.offset);
  const ids = rows.map((row) => row.partner.id);
  const statuses = new Map<string, CertificationStatus>();
  if (ids.length > 0) {
    const certifications = await ctx.db
      .select({ partnerId: partnerCertifications.partnerId, status: partnerCertifications.status })
      .from(partnerCertifications)
      .where(inArray(partnerCertifications.partnerId, ids));
    for (const row of certifications) statuses.set(row.partnerId, row.status);
  }
  return {
    items: rows.map((row) => {
      const { partner, program, parent } = toPartnerWithRefs(row);
      return {
        ...partner,
        program,
        parent,
        certificationStatus: statuses.get(partner.id) ?? 'uncertified',
      };
    }),
    totalCount: total?.value ?? 0,
  };
}
