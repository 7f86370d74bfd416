import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import { findPartnerById } from '../../partners/index.ts';
import {
  customers,
  realnameApplications,
  type BankCardInfo,
  type EnterprisePerson,
  type RealnameKind,
  type RealnameStatus,
  type VerifiedStatus,
} from '../schema.ts';
import { customerTypeAfterApproval, REALNAME_RESOURCE } from './realname.ts';
import { maskVerifiedNumber } from './realname-rules.ts';

const MAX_OPINION_LENGTH = 1024;

export interface RealnameApplicationView {
  id: string;
  partnerId: string;
  partnerName: string;
  customerId: string;
  customerAccountName: string;
  kind: RealnameKind;
  identifyType: number;
  documentType: number | null;
  name: string;
  /** The full number: the queue is the operator's review desk, which must compare it with the files. */
  verifiedNumber: string;
  verifiedNumberMasked: string;
  verifiedFileUrl: string[];
  regCountry: string | null;
  regAddress: string | null;
  enterprisePerson: EnterprisePerson | null;
  bankCardInfo: BankCardInfo | null;
  status: RealnameStatus;
  opinion: string;
  createdAt: Date;
  reviewedAt: Date | null;
  reviewedBy: string | null;
}

function assertReviewer(ctx: ServiceContext): Principal {
  assertAccountType(ctx, ['operator']);
  return assertPermission(ctx, Permissions.OPERATOR_CERTIFICATION_REVIEW);
}

interface ViewRow {
  application: typeof realnameApplications.$inferSelect;
  partnerName: string;
  customerAccountName: string | null;
}

function toView(row: ViewRow): RealnameApplicationView {
  const a = row.application;
  return {
    id: a.id,
    partnerId: a.partnerId,
    partnerName: row.partnerName,
    customerId: a.customerId,
    customerAccountName: row.customerAccountName ?? '',
    kind: a.kind,
    identifyType: a.identifyType,
    documentType: a.documentType,
    name: a.name,
    verifiedNumber: a.verifiedNumber,
    verifiedNumberMasked: a.verifiedNumberMasked,
    verifiedFileUrl: a.verifiedFileUrl,
    regCountry: a.regCountry,
    regAddress: a.regAddress,
    enterprisePerson: a.enterprisePerson,
    bankCardInfo: a.bankCardInfo,
    status: a.status,
    opinion: a.opinion,
    createdAt: a.createdAt,
    reviewedAt: a.reviewedAt,
    reviewedBy: a.reviewedBy,
  };
}

/**
 * The operator's real-name review queue across all partners, newest first.
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.certification.review`.
 */
export async function listRealnameApplications(
  ctx: ServiceContext,
  filters: { status?: RealnameStatus | undefined },
  page: Page,
): Promise<PagedResult<RealnameApplicationView>> {
  assertReviewer(ctx);
  const conditions: SQL[] = [];
  if (filters.status) conditions.push(eq(realnameApplications.status, filters.status));
  const where = and(...conditions);
  const [total] = await ctx.db.select({ value: count() }).from(realnameApplications).where(where);
  const rows = await ctx.db
    .select({ application: realnameApplications, customerAccountName: customers.accountName })
    .from(realnameApplications)
    .leftJoin(customers, eq(customers.id, realnameApplications.customerId))
    .where(where)
    .orderBy(desc(realnameApplications.createdAt), desc(realnameApplications.id))
    .limit(page.limit)
    .offset(page.offset);
  const partnerIds = [...new Set(rows.map((row) => row.application.partnerId))];
  const names = new Map(
    await Promise.all(
      partnerIds.map(async (id) => [id, (await findPartnerById(ctx.db, id))?.name ?? ''] as const),
    ),
  );
  return {
    items: rows.map((row) =>
      toView({ ...row, partnerName: names.get(row.application.partnerId) ?? '' }),
    ),
    totalCount: total?.value ?? 0,
  };
}

/**
 * Applies one decision to an application under review: the application, then the customer's
 * verification state, recorded in the operator's trail and in the partner's own.
 */
async function decide(
  ctx: ServiceContext,
  applicationId: string,
  decision: 'approved' | 'rejected',
  opinion: string,
): Promise<RealnameApplicationView> {
  const principal = assertReviewer(ctx);
  const reviewer = `${principal.accountName}/${principal.userName}`;
  return withTransaction(ctx.db, async (tx) => {
    const [current] = await tx
      .select()
      .from(realnameApplications)
      .where(eq(realnameApplications.id, applicationId))
      .for('update');
    if (!current) {
      throw new ApiError(Errors.NOT_FOUND, { field: 'id', detail: 'no such application' });
    }
    if (current.status !== 'in_review') {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
        detail: `the application is already ${current.status}`,
      });
    }
    const now = ctx.clock.now();
    const [customer] = await tx
      .select()
      .from(customers)
      .where(eq(customers.id, current.customerId))
      .for('update');
    if (!customer) throw new Error(`application ${current.id} names a missing customer`);
    // A rejected change leaves the earlier individual verification in force.
    const verifiedStatus: VerifiedStatus =
      decision === 'approved' ? '2' : current.kind === 'change' ? '2' : '1';
    const customerChange =
      decision === 'approved'
        ? {
            verifiedStatus,
            customerType: customerTypeAfterApproval(current.kind),
            customerName: current.name,
          }
        : { verifiedStatus };
    await tx
      .update(customers)
      .set({ ...customerChange, updatedAt: now })
      .where(eq(customers.id, customer.id));
    const [updated] = await tx
      .update(realnameApplications)
      .set({ status: decision, opinion, reviewedAt: now, reviewedBy: reviewer })
      .where(eq(realnameApplications.id, current.id))
      .returning();
    if (!updated) throw new Error('application update returned nothing');
    const entry = {
      action: decision === 'approved' ? 'customers.realname.approve' : 'customers.realname.reject',
      resourceType: REALNAME_RESOURCE,
      resourceId: current.id,
      resourceName: customer.accountName,
      before: {
        status: current.status,
        verifiedStatus: customer.verifiedStatus,
        customerType: customer.customerType,
      },
      after: {
        status: decision,
        customerId: customer.id,
        kind: current.kind,
        verifiedNumber: maskVerifiedNumber(current.verifiedNumber),
        opinion,
        ...customerChange,
      },
    };
    await recordAudit(ctx, tx, entry);
    await recordAudit(ctx, tx, { ...entry, partnerId: current.partnerId });
    const partner = await findPartnerById(tx, current.partnerId);
    return toView({
      application: updated,
      partnerName: partner?.name ?? '',
      customerAccountName: customer.accountName,
    });
  });
}

/**
 * Approves an application under review: the customer becomes verified ('2'), its type follows
 * the application (individual 0, enterprise or change 1) and its name the verified name.
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.certification.review`;
 *   CBC.0404 naming `id` for an unknown application; CBC.0410 unless it is under review.
 */
export async function approveRealnameApplication(
  ctx: ServiceContext,
  applicationId: string,
): Promise<RealnameApplicationView> {
  return decide(ctx, applicationId, 'approved', '');
}

/**
 * Rejects an application under review with the opinion the partner reads through
 * ShowRealnameAuthenticationReviewResult; the customer becomes rejected ('1'), except that a
 * rejected change keeps the individual verification ('2').
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.certification.review`;
 *   CBC.0100 naming `opinion` when blank or too long; CBC.0404 naming `id` for an unknown
 *   application; CBC.0410 unless it is under review.
 */
export async function rejectRealnameApplication(
  ctx: ServiceContext,
  applicationId: string,
  opinion: string,
): Promise<RealnameApplicationView> {
  assertReviewer(ctx);
  const text = opinion.trim();
  if (text === '') throw invalidParameter('opinion', 'must not be blank');
  if (text.length > MAX_OPINION_LENGTH) {
    throw invalidParameter('opinion', `must be at most ${MAX_OPINION_LENGTH} characters`);
  }
  return decide(ctx, applicationId, 'rejected', text);
}
