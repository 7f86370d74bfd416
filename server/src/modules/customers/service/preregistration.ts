import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  lt,
  lte,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import { findMemberNames } from '../../org/index.ts';
import { findPartnerById } from '../../partners/index.ts';
import { assertEmail, likePattern, normaliseMobile } from '../rules.ts';
import {
  customerPartnerSettings,
  customerPreregistrations,
  customers,
  type AssociationType,
  type PreregistrationStatus,
} from '../schema.ts';
import {
  MAX_OPEN_PREREGISTRATIONS,
  needsManualReview,
  PREREGISTRATION_VALIDITY_MS,
  preregistrationStatusAt,
} from './invitations-rules.ts';
import { actorName, assertCaller, CONSOLE_ACCOUNT_TYPES, scopedMemberIds } from './shared.ts';

export const PREREGISTRATION_RESOURCE = 'customers.preregistration';
const SETTINGS_RESOURCE = 'customers.partner_settings';
const MAX_OPINION_LENGTH = 1024;

export type PreregistrationRow = typeof customerPreregistrations.$inferSelect;

export interface PreregistrationView {
  id: string;
  partnerId: string;
  customerName: string;
  contactName: string;
  email: string;
  mobile: string;
  associationType: AssociationType;
  /** The status at the time of reading (a lapsed reservation reads `expired`). */
  status: PreregistrationStatus;
  expiresAt: Date | null;
  createdAt: Date;
  createdBy: { id: string; userName: string; displayName: string };
  customerId: string | null;
  opinion: string;
}

/**
 * Customer development is a partner-console function of whoever may see customers; data scopes
 * then limit every row to the member's own (manager) or team's (supervisor) work.
 */
export function assertDeveloper(ctx: ServiceContext): Principal {
  return assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_VIEW);
}

/** The rows a member sees: their own, their team's, or (scope 'all') every row of the partner. */
export function creatorScope(
  principal: Principal,
  column: typeof customerPreregistrations.createdBy,
) {
  const members = scopedMemberIds(principal);
  return members ? inArray(column, [...members]) : undefined;
}

/** Whether the ecosystem manager enabled referral (顾问销售) invitations for the partner (R-CUS-09). */
export async function isReferralEnabled(db: Db, partnerId: string): Promise<boolean> {
  const [row] = await db
    .select({ enabled: customerPartnerSettings.referralEnabled })
    .from(customerPartnerSettings)
    .where(eq(customerPartnerSettings.partnerId, partnerId));
  return row?.enabled ?? false;
}

/** R-CUS-09: only reseller (代售) unless referral is enabled for the partner. */
export async function assertAssociationTypeOffered(
  db: Db,
  partnerId: string,
  associationType: AssociationType,
  field = 'association_type',
): Promise<void> {
  if (associationType === '1' && !(await isReferralEnabled(db, partnerId))) {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      field,
      detail: 'referral (顾问销售) needs the ecosystem manager to enable it for your account',
    });
  }
}

/** A customer account whose account name or customer name is `name`, case-insensitively. */
export async function findAccountNamed(db: Db, name: string) {
  const [row] = await db
    .select({
      id: customers.id,
      partnerId: customers.partnerId,
      status: customers.status,
      createdAt: customers.createdAt,
    })
    .from(customers)
    .where(
      or(
        sql`lower(${customers.accountName}) = lower(${name})`,
        sql`lower(${customers.customerName}) = lower(${name})`,
      ),
    )
    .orderBy(asc(customers.createdAt))
    .limit(1);
  return row ?? null;
}

/** The SQL form of `isReserving` for `now`. */
export function reservingCondition(now: Date): SQL | undefined {
  return or(
    eq(customerPreregistrations.status, 'in_review'),
    and(
      eq(customerPreregistrations.status, 'registered'),
      gt(customerPreregistrations.expiresAt, now),
    ),
  );
}

/**
 * The reserving pre-registrations of a prospect named `names` (any of them), across partners.
 * Not scoped by tenant on purpose: a reservation keeps every other partner away (R-CUS-03).
 */
export async function findReservations(
  db: Db,
  names: readonly string[],
  now: Date,
): Promise<PreregistrationRow[]> {
  const wanted = [
    ...new Set(names.filter((name) => name !== '').map((name) => name.toLowerCase())),
  ];
  if (wanted.length === 0) return [];
  return db
    .select()
    .from(customerPreregistrations)
    .where(
      and(
        inArray(sql`lower(${customerPreregistrations.customerName})`, wanted),
        reservingCondition(now),
      ),
    );
}

async function toViews(db: Db, partnerId: string, rows: PreregistrationRow[], now: Date) {
  const names = new Map(
    (
      await findMemberNames(
        db,
        partnerId,
        rows.map((row) => row.createdBy),
      )
    ).map((member) => [member.id, member]),
  );
  return rows.map((row) => toView(row, now, names.get(row.createdBy)));
}

function toView(
  row: PreregistrationRow,
  now: Date,
  creator: { id: string; userName: string; displayName: string } | undefined,
): PreregistrationView {
  return {
    id: row.id,
    partnerId: row.partnerId,
    customerName: row.customerName,
    contactName: row.contactName,
    email: row.email,
    mobile: row.mobile,
    associationType: row.associationType,
    status: preregistrationStatusAt(row, now),
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    createdBy: creator ?? { id: row.createdBy, userName: '', displayName: '' },
    customerId: row.customerId,
    opinion: row.opinion,
  };
}

export interface PreregistrationInput {
  customerName: string;
  contactName?: string | undefined;
  email?: string | undefined;
  mobile?: string | undefined;
  associationType: AssociationType;
}

/**
 * Pre-registers (报备) a prospect (SM-1). It is reserved for 15 days (R-CUS-03), or waits for
 * the operator's review when it is already a customer account registered more than 7 days ago
 * (R-CUS-06). A prospect reserved by anyone else, or associated with a partner, cannot be
 * pre-registered (R-CUS-05); which partner holds it is never told.
 *
 * @throws CBC.0151 without `customer.view`; CBC.0100 naming the field for a blank name, a
 *   malformed e-mail or mobile, or neither of them; CBC.0410 naming `association_type` for
 *   referral when it is not enabled (R-CUS-09), or when the partner has neither mobile nor e-mail
 *   in its basic information (R-CUS-04); CBC.0409 naming `customer_name` when the prospect is
 *   reserved or associated already; CBC.0411 at 100 open pre-registrations (R-CUS-02).
 */
export async function createPreregistration(
  ctx: ServiceContext,
  input: PreregistrationInput,
): Promise<PreregistrationView> {
  const principal = assertDeveloper(ctx);
  const customerName = input.customerName.trim();
  if (customerName === '') throw invalidParameter('customer_name', 'must not be blank');
  const email = input.email?.trim() ? assertEmail(input.email, 'email').toLowerCase() : '';
  const mobile = input.mobile?.trim() ? normaliseMobile(input.mobile, 'mobile') : '';
  if (email === '' && mobile === '') {
    throw invalidParameter('email', 'give an e-mail or a mobile to invite the customer with');
  }
  const partner = await findPartnerById(ctx.db, principal.partnerId);
  if (!partner || (partner.email.trim() === '' && partner.phone.trim() === '')) {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      detail: 'add a mobile or e-mail to 伙伴信息 > 基本信息 before pre-registering (R-CUS-04)',
    });
  }
  await assertAssociationTypeOffered(ctx.db, principal.partnerId, input.associationType);

  const row = await withTransaction(ctx.db, async (tx) => {
    // One writer per prospect name and one per partner, so neither the reservation nor the
    // limit of 100 can be passed by two parallel requests.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`prereg:${customerName.toLowerCase()}`}))`,
    );
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`prereg-partner:${partner.id}`}))`,
    );
    const now = ctx.clock.now();
    const [reservation] = await findReservations(tx, [customerName], now);
    if (reservation) {
      throw new ApiError(Errors.CONFLICT, {
        field: 'customer_name',
        detail:
          reservation.partnerId === partner.id
            ? 'you have already pre-registered this customer'
            : 'this customer is pre-registered by another partner',
      });
    }
    const account = await findAccountNamed(tx, customerName);
    if (account?.status === 'active') {
      throw new ApiError(Errors.CONFLICT, {
        field: 'customer_name',
        detail:
          account.partnerId === partner.id
            ? 'this customer is already yours'
            : 'this customer is associated with a partner and cannot be pre-registered',
      });
    }
    const [open] = await tx
      .select({ value: count() })
      .from(customerPreregistrations)
      .where(and(eq(customerPreregistrations.partnerId, partner.id), reservingCondition(now)));
    if ((open?.value ?? 0) >= MAX_OPEN_PREREGISTRATIONS) {
      throw new ApiError(Errors.LIMIT_EXCEEDED, {
        detail: `at most ${MAX_OPEN_PREREGISTRATIONS} customers may be under review or pre-registered`,
      });
    }
    const review = needsManualReview(account?.createdAt ?? null, now);
    const values = {
      id: newId(),
      partnerId: partner.id,
      customerName,
      contactName: input.contactName?.trim().slice(0, 64) ?? '',
      email,
      mobile,
      associationType: input.associationType,
      status: review ? ('in_review' as const) : ('registered' as const),
      expiresAt: review ? null : new Date(now.getTime() + PREREGISTRATION_VALIDITY_MS),
      createdBy: principal.id,
      createdAt: now,
      updatedAt: now,
    };
    const [inserted] = await tx.insert(customerPreregistrations).values(values).returning();
    if (!inserted) throw new Error('pre-registration insert returned nothing');
    await recordAudit(ctx, tx, {
      action: 'customers.preregistration.create',
      resourceType: PREREGISTRATION_RESOURCE,
      resourceId: inserted.id,
      resourceName: customerName,
      after: {
        customerName,
        associationType: input.associationType,
        status: inserted.status,
        expiresAt: inserted.expiresAt?.toISOString() ?? null,
      },
    });
    return inserted;
  });
  const [view] = await toViews(ctx.db, principal.partnerId, [row], ctx.clock.now());
  if (!view) throw new Error('pre-registration view missing');
  return view;
}

export interface PreregistrationFilters {
  customerName?: string | undefined;
  status?: PreregistrationStatus | undefined;
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
}

/** The stored-status condition that reads as `status` at `now`. */
function statusCondition(status: PreregistrationStatus, now: Date): SQL | undefined {
  const table = customerPreregistrations;
  if (status === 'registered') return and(eq(table.status, 'registered'), gt(table.expiresAt, now));
  if (status === 'expired') {
    return or(
      eq(table.status, 'expired'),
      and(eq(table.status, 'registered'), lte(table.expiresAt, now)),
    );
  }
  return eq(table.status, status);
}

/**
 * The partner's pre-registrations within the caller's data scope (their own as an account
 * manager, their team's as a supervisor), newest first, with the status read at the current time.
 *
 * @throws CBC.0151 without `customer.view`.
 */
export async function listPreregistrations(
  ctx: ServiceContext,
  filters: PreregistrationFilters,
  page: Page,
): Promise<PagedResult<PreregistrationView>> {
  const principal = assertDeveloper(ctx);
  const now = ctx.clock.now();
  const table = customerPreregistrations;
  const where = and(
    eq(table.partnerId, principal.partnerId),
    creatorScope(principal, table.createdBy),
    filters.customerName ? ilike(table.customerName, likePattern(filters.customerName)) : undefined,
    filters.status ? statusCondition(filters.status, now) : undefined,
    filters.createdFrom ? gte(table.createdAt, filters.createdFrom) : undefined,
    filters.createdTo ? lt(table.createdAt, filters.createdTo) : undefined,
  );
  const [total] = await ctx.db.select({ value: count() }).from(table).where(where);
  const rows = await ctx.db
    .select()
    .from(table)
    .where(where)
    .orderBy(desc(table.createdAt), asc(table.id))
    .limit(page.limit)
    .offset(page.offset);
  return {
    items: await toViews(ctx.db, principal.partnerId, rows, now),
    totalCount: total?.value ?? 0,
  };
}

/**
 * One pre-registration of the caller's partner within their data scope.
 *
 * @throws CBC.0404 when unknown, another partner's or out of scope.
 */
export async function getScopedPreregistration(
  db: Db,
  principal: Principal,
  id: string,
): Promise<PreregistrationRow> {
  const [row] = await db
    .select()
    .from(customerPreregistrations)
    .where(
      and(
        eq(customerPreregistrations.id, id),
        eq(customerPreregistrations.partnerId, principal.partnerId),
        creatorScope(principal, customerPreregistrations.createdBy),
      ),
    );
  if (!row) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such pre-registration' });
  return row;
}

export interface DevelopmentSettings {
  referralEnabled: boolean;
}

/**
 * What the customer-development page offers the partner: referral invitations only when enabled.
 *
 * @throws CBC.0151 without `customer.view`.
 */
export async function getDevelopmentSettings(ctx: ServiceContext): Promise<DevelopmentSettings> {
  const principal = assertDeveloper(ctx);
  return { referralEnabled: await isReferralEnabled(ctx.db, principal.partnerId) };
}

function assertReviewer(ctx: ServiceContext): Principal {
  assertAccountType(ctx, ['operator']);
  return assertPermission(ctx, Permissions.OPERATOR_CERTIFICATION_REVIEW);
}

export interface ReviewQueueItem extends PreregistrationView {
  partnerName: string;
}

/**
 * The operator's queue of pre-registrations waiting for manual review (R-CUS-06), oldest first.
 *
 * @throws CBC.0151 for a caller other than the operator with the review right.
 */
export async function listPreregistrationReviews(
  ctx: ServiceContext,
  page: Page,
): Promise<PagedResult<ReviewQueueItem>> {
  assertReviewer(ctx);
  const where = eq(customerPreregistrations.status, 'in_review');
  const [total] = await ctx.db
    .select({ value: count() })
    .from(customerPreregistrations)
    .where(where);
  const rows = await ctx.db
    .select()
    .from(customerPreregistrations)
    .where(where)
    .orderBy(asc(customerPreregistrations.createdAt), asc(customerPreregistrations.id))
    .limit(page.limit)
    .offset(page.offset);
  const now = ctx.clock.now();
  const items: ReviewQueueItem[] = [];
  for (const row of rows) {
    const partner = await findPartnerById(ctx.db, row.partnerId);
    const [view] = await toViews(ctx.db, row.partnerId, [row], now);
    if (view) items.push({ ...view, partnerName: partner?.companyName ?? '' });
  }
  return { items, totalCount: total?.value ?? 0 };
}

/**
 * The operator decides a pre-registration under review (SM-1): approval reserves the prospect for
 * 15 days from now, rejection (审核不通过) needs an opinion.
 *
 * @throws CBC.0151 for a caller other than the operator with the review right; CBC.0404 for an
 *   unknown id; CBC.0100 naming `opinion` when a rejection has none or it is too long; CBC.0410
 *   when the row is no longer under review.
 */
export async function decidePreregistration(
  ctx: ServiceContext,
  id: string,
  decision: { approve: boolean; opinion: string },
): Promise<PreregistrationView> {
  const reviewer = assertReviewer(ctx);
  const opinion = decision.opinion.trim();
  if (!decision.approve && opinion === '') {
    throw invalidParameter('opinion', 'is required to reject');
  }
  if (opinion.length > MAX_OPINION_LENGTH) {
    throw invalidParameter('opinion', `must be at most ${MAX_OPINION_LENGTH} characters`);
  }
  const row = await withTransaction(ctx.db, async (tx) => {
    const [current] = await tx
      .select()
      .from(customerPreregistrations)
      .where(eq(customerPreregistrations.id, id))
      .for('update');
    if (!current) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such pre-registration' });
    if (current.status !== 'in_review') {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, { detail: 'it is not under review' });
    }
    const now = ctx.clock.now();
    const [updated] = await tx
      .update(customerPreregistrations)
      .set({
        status: decision.approve ? 'registered' : 'rejected',
        expiresAt: decision.approve ? new Date(now.getTime() + PREREGISTRATION_VALIDITY_MS) : null,
        opinion,
        updatedAt: now,
      })
      .where(eq(customerPreregistrations.id, id))
      .returning();
    if (!updated) throw new Error('pre-registration update returned nothing');
    await recordAudit(ctx, tx, {
      partnerId: current.partnerId,
      action: decision.approve
        ? 'customers.preregistration.approve'
        : 'customers.preregistration.reject',
      resourceType: PREREGISTRATION_RESOURCE,
      resourceId: id,
      resourceName: current.customerName,
      before: { status: current.status },
      after: { status: updated.status, opinion, reviewedBy: actorName(reviewer) },
    });
    return updated;
  });
  const [view] = await toViews(ctx.db, row.partnerId, [row], ctx.clock.now());
  if (!view) throw new Error('pre-registration view missing');
  return view;
}

function assertEcosystemManager(ctx: ServiceContext): void {
  assertAccountType(ctx, ['operator']);
  assertPermission(ctx, Permissions.OPERATOR_PARTNER_MANAGE);
}

async function findDevelopingPartner(db: Db, partnerId: string) {
  const partner = await findPartnerById(db, partnerId);
  if (!partner || partner.partnerType === 'operator') {
    throw new ApiError(Errors.NOT_FOUND, { detail: 'no such partner' });
  }
  return partner;
}

/**
 * Whether referral invitations are enabled for a partner, as the ecosystem manager sees it.
 *
 * @throws CBC.0151 for a caller other than the operator with `operator.partner.manage`; CBC.0404
 *   for an unknown partner.
 */
export async function getReferralSetting(
  ctx: ServiceContext,
  partnerId: string,
): Promise<DevelopmentSettings> {
  assertEcosystemManager(ctx);
  await findDevelopingPartner(ctx.db, partnerId);
  return { referralEnabled: await isReferralEnabled(ctx.db, partnerId) };
}

/**
 * The ecosystem manager (operator) enables or disables referral invitations for a partner
 * (R-CUS-09). Resellers and distributors' own customers follow the same switch.
 *
 * @throws CBC.0151 for a caller other than the operator with `operator.partner.manage`; CBC.0404
 *   for an unknown partner.
 */
export async function setReferralEnabled(
  ctx: ServiceContext,
  partnerId: string,
  enabled: boolean,
): Promise<DevelopmentSettings> {
  assertEcosystemManager(ctx);
  const partner = await findDevelopingPartner(ctx.db, partnerId);
  return withTransaction(ctx.db, async (tx) => {
    const before = await isReferralEnabled(tx, partnerId);
    const now = ctx.clock.now();
    await tx
      .insert(customerPartnerSettings)
      .values({ partnerId, referralEnabled: enabled, updatedAt: now })
      .onConflictDoUpdate({
        target: customerPartnerSettings.partnerId,
        set: { referralEnabled: enabled, updatedAt: now },
      });
    await recordAudit(ctx, tx, {
      partnerId,
      action: 'customers.referral.update',
      resourceType: SETTINGS_RESOURCE,
      resourceId: partnerId,
      resourceName: partner.name,
      before: { referralEnabled: before },
      after: { referralEnabled: enabled },
    });
    return { referralEnabled: enabled };
  });
}

/**
 * The partner's reserving pre-registration that an association fulfils: the one the invitation
 * names, else one whose prospect name is the account's name or customer name.
 */
export async function findFulfilledPreregistration(
  db: Db,
  partnerId: string,
  preregistrationId: string | null,
  names: readonly string[],
  now: Date,
): Promise<PreregistrationRow | null> {
  const lowerNames = [
    ...new Set(names.filter((name) => name !== '').map((name) => name.toLowerCase())),
  ];
  const matches = or(
    preregistrationId ? eq(customerPreregistrations.id, preregistrationId) : undefined,
    lowerNames.length > 0
      ? inArray(sql`lower(${customerPreregistrations.customerName})`, lowerNames)
      : undefined,
  );
  if (!matches) return null;
  const candidates = await db
    .select()
    .from(customerPreregistrations)
    .where(
      and(
        eq(customerPreregistrations.partnerId, partnerId),
        eq(customerPreregistrations.status, 'registered'),
        gt(customerPreregistrations.expiresAt, now),
        matches,
      ),
    )
    .orderBy(asc(customerPreregistrations.createdAt));
  return candidates.find((row) => row.id === preregistrationId) ?? candidates[0] ?? null;
}

/** Marks the pre-registration 已关联 inside the association's transaction (SM-1). */
export async function markPreregistrationAssociated(
  ctx: ServiceContext,
  tx: Db,
  row: PreregistrationRow,
  customerId: string,
): Promise<void> {
  const now = ctx.clock.now();
  await tx
    .update(customerPreregistrations)
    .set({ status: 'associated', customerId, updatedAt: now })
    .where(
      and(
        eq(customerPreregistrations.id, row.id),
        ne(customerPreregistrations.status, 'associated'),
      ),
    );
  await recordAudit(ctx, tx, {
    partnerId: row.partnerId,
    action: 'customers.preregistration.associate',
    resourceType: PREREGISTRATION_RESOURCE,
    resourceId: row.id,
    resourceName: row.customerName,
    before: { status: row.status },
    after: { status: 'associated', customerId },
  });
}
