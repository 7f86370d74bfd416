import { and, count, desc, eq, ilike, ne, or, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import {
  certificationAfter,
  EMAIL_PATTERN,
  isUnifiedSocialCreditCode,
  PHONE_PATTERN,
  programPartnerTypes,
  type CertificationEvent,
} from '../rules.ts';
import { partnerCertifications, partners, type CertificationStatus } from '../schema.ts';
import { CERTIFICATION_RESOURCE, likePattern, requiredText } from './shared.ts';

/** The business information a partner certifies (P-81): company, tax, finance contact, bank. */
export interface CertificationInfo {
  companyName: string;
  unifiedSocialCreditCode: string;
  legalRepresentative: string;
  registeredAddress: string;
  taxRegistrationNumber: string;
  taxpayerType: 'general' | 'small_scale';
  financeContactName: string;
  financeContactEmail: string;
  financeContactPhone: string;
  bankName: string;
  bankBranch: string;
  bankAccountName: string;
  bankAccountNumber: string;
  settlementCurrency: 'CNY' | 'USD';
  acceptPrivacyStatement: boolean;
}

/** A partner's certification as the partner sees it. */
export interface CertificationView {
  status: CertificationStatus;
  /** The information in force (null until the first approval). */
  certified: CertificationInfo | null;
  /** The submission under review, or the last one rejected. */
  submitted: CertificationInfo | null;
  failureReason: string;
  verificationFailures: number;
  submittedAt: Date | null;
  reviewedAt: Date | null;
}

/** One row of the operator's review queue. */
export interface CertificationListItem extends CertificationView {
  partnerId: string;
  partnerName: string;
  companyName: string;
}

type CertificationRow = typeof partnerCertifications.$inferSelect;

const uncertified: CertificationView = {
  status: 'uncertified',
  certified: null,
  submitted: null,
  failureReason: '',
  verificationFailures: 0,
  submittedAt: null,
  reviewedAt: null,
};

function toView(row: CertificationRow | undefined): CertificationView {
  if (!row) return uncertified;
  return {
    status: row.status,
    certified: row.certified as CertificationInfo | null,
    submitted: row.submitted as CertificationInfo | null,
    failureReason: row.failureReason,
    verificationFailures: row.verificationFailures,
    submittedAt: row.submittedAt,
    reviewedAt: row.reviewedAt,
  };
}

async function lockCertification(tx: Db, partnerId: string): Promise<CertificationRow | undefined> {
  const [row] = await tx
    .select()
    .from(partnerCertifications)
    .where(eq(partnerCertifications.partnerId, partnerId))
    .for('update');
  return row;
}

function illegal(status: CertificationStatus, event: CertificationEvent): ApiError {
  return new ApiError(Errors.OPERATION_NOT_ALLOWED, {
    detail: `cannot ${event.replaceAll('_', ' ')} a certification that is ${status.replaceAll('_', ' ')}`,
  });
}

/** The rules a form must meet beyond its shape; also the guard for callers outside HTTP. */
function validateInfo(info: CertificationInfo): CertificationInfo {
  const companyName = requiredText(info.companyName, 'company_name');
  if (!isUnifiedSocialCreditCode(info.unifiedSocialCreditCode)) {
    throw invalidParameter(
      'unified_social_credit_code',
      'is not a unified social credit code (18 characters of the GB 32100 charset with a valid check character)',
    );
  }
  if (!/^[0-9A-Z]{15,20}$/.test(info.taxRegistrationNumber)) {
    throw invalidParameter('tax_registration_number', 'must be 15 to 20 digits or capital letters');
  }
  if (!EMAIL_PATTERN.test(info.financeContactEmail)) {
    throw invalidParameter('finance_contact_email', 'is not an e-mail address');
  }
  if (!PHONE_PATTERN.test(info.financeContactPhone)) {
    throw invalidParameter('finance_contact_phone', 'is not a phone number');
  }
  const bankAccountName = info.bankAccountName.trim();
  if (bankAccountName !== companyName) {
    throw invalidParameter(
      'bank_account_name',
      'must equal company_name: only a corporate account in the company name is accepted',
    );
  }
  if (!info.acceptPrivacyStatement) {
    throw invalidParameter('accept_privacy_statement', 'must be true to submit');
  }
  return {
    ...info,
    companyName,
    legalRepresentative: requiredText(info.legalRepresentative, 'legal_representative'),
    registeredAddress: requiredText(info.registeredAddress, 'registered_address'),
    financeContactName: requiredText(info.financeContactName, 'finance_contact_name'),
    bankName: requiredText(info.bankName, 'bank_name'),
    bankBranch: requiredText(info.bankBranch, 'bank_branch'),
    bankAccountName,
  };
}

/**
 * The caller's business-information certification (P-81), `uncertified` before the first
 * submission.
 *
 * @throws CBC.0151 without `partner.certification.manage`.
 */
export async function getCertification(ctx: ServiceContext): Promise<CertificationView> {
  const { partnerId } = assertPermission(ctx, Permissions.PARTNER_CERTIFICATION_MANAGE);
  const [row] = await ctx.db
    .select()
    .from(partnerCertifications)
    .where(eq(partnerCertifications.partnerId, partnerId));
  return toView(row);
}

/**
 * Submits the business information for review (SM-18): a first submission or a resubmission
 * after failure goes `in_review`; a change to certified information goes `change_in_review`
 * (settlement waits for it, R-BIZ-05) while the certified information stays in force.
 *
 * @throws CBC.0151 without `partner.certification.manage` or for the operator account;
 *   CBC.0100 naming the field (credit code, bank account not in the company name R-BIZ-06,
 *   privacy statement not accepted, …); CBC.0410 while a review is pending or the certification
 *   is locked.
 */
export async function submitCertification(
  ctx: ServiceContext,
  input: CertificationInfo,
): Promise<CertificationView> {
  assertAccountType(ctx, programPartnerTypes);
  const { partnerId } = assertPermission(ctx, Permissions.PARTNER_CERTIFICATION_MANAGE);
  const info = validateInfo(input);
  return withTransaction(ctx.db, async (tx) => {
    const current = await lockCertification(tx, partnerId);
    const status = current?.status ?? 'uncertified';
    const next = certificationAfter(status, 'submit');
    if (!next) throw illegal(status, 'submit');
    const now = ctx.clock.now();
    const changes = {
      status: next,
      submitted: { ...info },
      failureReason: '',
      verificationFailures: 0,
      submittedAt: now,
      updatedAt: now,
    };
    const [row] = current
      ? await tx
          .update(partnerCertifications)
          .set(changes)
          .where(eq(partnerCertifications.id, current.id))
          .returning()
      : await tx
          .insert(partnerCertifications)
          .values({ id: newId(), partnerId, ...changes })
          .returning();
    await recordAudit(ctx, tx, {
      action: 'partners.certification.submit',
      resourceType: CERTIFICATION_RESOURCE,
      resourceId: partnerId,
      resourceName: info.companyName,
      before: { status },
      after: { status: next, companyName: info.companyName },
    });
    return toView(row);
  });
}

export interface CertificationFilters {
  status?: CertificationStatus | undefined;
  /** Part of the account name or company name, case-insensitive. */
  keyword?: string | undefined;
}

function assertReviewer(ctx: ServiceContext): Principal {
  assertAccountType(ctx, ['operator']);
  return assertPermission(ctx, Permissions.OPERATOR_CERTIFICATION_REVIEW);
}

/**
 * The operator's certification queue, newest submission first.
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.certification.review`.
 */
export async function listCertifications(
  ctx: ServiceContext,
  filters: CertificationFilters,
  page: Page,
): Promise<PagedResult<CertificationListItem>> {
  assertReviewer(ctx);
  const conditions: SQL[] = [ne(partners.partnerType, 'operator')];
  if (filters.status) conditions.push(eq(partnerCertifications.status, filters.status));
  if (filters.keyword) {
    const pattern = likePattern(filters.keyword);
    const matches = or(ilike(partners.name, pattern), ilike(partners.companyName, pattern));
    if (matches) conditions.push(matches);
  }
  const where = and(...conditions);
  const [total] = await ctx.db
    .select({ value: count() })
    .from(partnerCertifications)
    .innerJoin(partners, eq(partners.id, partnerCertifications.partnerId))
    .where(where);
  const rows = await ctx.db
    .select({
      certification: partnerCertifications,
      partnerName: partners.name,
      companyName: partners.companyName,
    })
    .from(partnerCertifications)
    .innerJoin(partners, eq(partners.id, partnerCertifications.partnerId))
    .where(where)
    .orderBy(desc(partnerCertifications.submittedAt), desc(partnerCertifications.id))
    .limit(page.limit)
    .offset(page.offset);
  return {
    items: rows.map((row) => ({
      ...toView(row.certification),
      partnerId: row.certification.partnerId,
      partnerName: row.partnerName,
      companyName: row.companyName,
    })),
    totalCount: total?.value ?? 0,
  };
}

/**
 * Applies one operator decision to a partner's certification: checks SM-18, writes the new
 * state and records it both in the operator's trail and in the partner's own.
 */
async function review(
  ctx: ServiceContext,
  partnerId: string,
  event: CertificationEvent,
  decide: (current: CertificationRow, next: CertificationStatus) => Partial<CertificationRow>,
  detail: Record<string, unknown> = {},
): Promise<CertificationListItem> {
  const principal = assertReviewer(ctx);
  const reviewer = `${principal.accountName}/${principal.userName}`;
  return withTransaction(ctx.db, async (tx) => {
    const [partner] = await tx
      .select({
        id: partners.id,
        name: partners.name,
        companyName: partners.companyName,
        type: partners.partnerType,
      })
      .from(partners)
      .where(eq(partners.id, partnerId));
    if (!partner || partner.type === 'operator') {
      throw new ApiError(Errors.NOT_FOUND, { field: 'partner_id', detail: 'no such partner' });
    }
    const current = await lockCertification(tx, partnerId);
    const status = current?.status ?? 'uncertified';
    const next = current ? certificationAfter(status, event, current.verificationFailures) : null;
    if (!current || !next) throw illegal(status, event);
    const now = ctx.clock.now();
    const [row] = await tx
      .update(partnerCertifications)
      .set({
        ...decide(current, next),
        status: next,
        reviewedAt: now,
        reviewedBy: reviewer,
        updatedAt: now,
      })
      .where(eq(partnerCertifications.id, current.id))
      .returning();
    if (!row) throw new Error('certification update returned nothing');
    const entry = {
      action: `partners.certification.${event}`,
      resourceType: CERTIFICATION_RESOURCE,
      resourceId: partnerId,
      resourceName: partner.companyName,
      before: { status, verificationFailures: current.verificationFailures },
      after: { status: next, verificationFailures: row.verificationFailures, ...detail },
    };
    await recordAudit(ctx, tx, entry);
    await recordAudit(ctx, tx, { ...entry, partnerId });
    return {
      ...toView(row),
      partnerId,
      partnerName: partner.name,
      companyName: partner.companyName,
    };
  });
}

/**
 * Approves the submission under review: it becomes the certified information.
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.certification.review`;
 *   CBC.0404 naming `partner_id` for an unknown partner; CBC.0410 unless in review or change
 *   review.
 */
export async function approveCertification(
  ctx: ServiceContext,
  partnerId: string,
): Promise<CertificationListItem> {
  return review(ctx, partnerId, 'approve', (current) => ({
    certified: current.submitted,
    submitted: null,
    failureReason: '',
  }));
}

/**
 * Rejects the submission under review with a reason the partner sees (R-BIZ-04). A first
 * certification fails; a rejected change leaves the certified information in force.
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.certification.review`;
 *   CBC.0100 naming `reason` when blank; CBC.0404 naming `partner_id` for an unknown partner;
 *   CBC.0410 unless in review or change review.
 */
export async function rejectCertification(
  ctx: ServiceContext,
  partnerId: string,
  reason: string,
): Promise<CertificationListItem> {
  assertReviewer(ctx);
  const failureReason = requiredText(reason, 'reason');
  return review(ctx, partnerId, 'reject', () => ({ failureReason }), { failureReason });
}

/**
 * Records a failed amount verification of the bank account (R-BIZ-06); the third failure locks
 * the certification until the operator unlocks it (after a ticket).
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.certification.review`;
 *   CBC.0404 naming `partner_id` for an unknown partner; CBC.0410 unless in review.
 */
export async function recordVerificationFailure(
  ctx: ServiceContext,
  partnerId: string,
): Promise<CertificationListItem> {
  return review(ctx, partnerId, 'record_verification_failure', (current, next) => ({
    verificationFailures: current.verificationFailures + 1,
    failureReason:
      next === 'locked'
        ? 'Amount verification failed 3 times; the application is locked. Open a ticket to unlock it.'
        : 'Amount verification failed.',
  }));
}

/**
 * Unlocks a locked certification after the partner's ticket: it returns to review with a fresh
 * count of verification attempts.
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.certification.review`;
 *   CBC.0404 naming `partner_id` for an unknown partner; CBC.0410 unless locked.
 */
export async function unlockCertification(
  ctx: ServiceContext,
  partnerId: string,
): Promise<CertificationListItem> {
  return review(ctx, partnerId, 'unlock', () => ({ verificationFailures: 0, failureReason: '' }));
}
