import { and, asc, count, desc, eq, gte, ilike, isNull, lte, or, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import { newId } from '../../../platform/ids/index.ts';
import {
  partners,
  resellerApplications,
  type ResellerApplicationDirection,
  type ResellerApplicationStatus,
} from '../schema.ts';
import { likePattern, RESELLER_APPLICATION_RESOURCE } from './shared.ts';

/** A reseller bound to the calling distributor, as ListIndirectPartners and P-37 show it. */
export interface IndirectPartner {
  id: string;
  name: string;
  companyName: string;
  email: string;
  phone: string;
  associatedAt: Date;
  /** Login name of the distributor's account manager for this reseller ('' while none is set). */
  accountManagerId: string;
  accountManagerName: string;
}

export interface IndirectPartnerFilters {
  /** Exact reseller account name. */
  accountName?: string | undefined;
  /** Binding time window, both ends inclusive. */
  associatedFrom?: Date | undefined;
  associatedTo?: Date | undefined;
  indirectPartnerId?: string | undefined;
  /** Part of the account name, company name or e-mail (console search). */
  keyword?: string | undefined;
}

function assertDistributor(ctx: ServiceContext): Principal {
  assertAccountType(ctx, ['tier1_distributor']);
  return assertPermission(ctx, Permissions.RESELLER_MANAGE);
}

/**
 * The resellers bound to the calling tier-1 distributor (ListIndirectPartners, P-37 我的云经销商),
 * most recently bound first. Only the caller's own resellers are ever read: an id or name of
 * anybody else's reseller simply matches nothing.
 *
 * @throws CBC.0151 unless the caller is a tier-1 distributor with `reseller.manage`.
 */
export async function listIndirectPartners(
  ctx: ServiceContext,
  filters: IndirectPartnerFilters,
  page: Page,
): Promise<PagedResult<IndirectPartner>> {
  const principal = assertDistributor(ctx);
  const conditions: SQL[] = [eq(partners.parentPartnerId, principal.partnerId)];
  if (filters.accountName !== undefined) conditions.push(eq(partners.name, filters.accountName));
  if (filters.indirectPartnerId !== undefined) {
    conditions.push(eq(partners.id, filters.indirectPartnerId));
  }
  if (filters.associatedFrom) {
    conditions.push(gte(partners.parentAssociatedAt, filters.associatedFrom));
  }
  if (filters.associatedTo) conditions.push(lte(partners.parentAssociatedAt, filters.associatedTo));
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
  const rows = await ctx.db
    .select()
    .from(partners)
    .where(where)
    .orderBy(desc(partners.parentAssociatedAt), desc(partners.id))
    .limit(page.limit)
    .offset(page.offset);
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      companyName: row.companyName,
      email: row.email,
      phone: row.phone,
      associatedAt: row.parentAssociatedAt ?? row.createdAt,
      accountManagerId: '',
      accountManagerName: '',
    })),
    totalCount: total?.value ?? 0,
  };
}

// Cooperation applications and invitations (SM-20, R-REG-06)

export type ApplicationSide = 'distributor' | 'reseller';
export type ApplicationEvent = 'approve' | 'reject' | 'cancel';

/** The side that started a row: a reseller applies, a distributor invites. */
function initiatorOf(direction: ResellerApplicationDirection): ApplicationSide {
  return direction === 'application' ? 'reseller' : 'distributor';
}

/**
 * The state machine of a cooperation request: only a pending one moves; the other side approves
 * or rejects it, the side that started it may cancel it. Null when `side` may not do `event`.
 */
export function applicationStatusAfter(
  current: { status: ResellerApplicationStatus; direction: ResellerApplicationDirection },
  side: ApplicationSide,
  event: ApplicationEvent,
): ResellerApplicationStatus | null {
  if (current.status !== 'pending') return null;
  const initiator = initiatorOf(current.direction);
  if (event === 'cancel') return side === initiator ? 'cancelled' : null;
  if (side === initiator) return null;
  return event === 'approve' ? 'approved' : 'rejected';
}

export interface CounterpartRef {
  id: string;
  name: string;
  companyName: string;
  email: string;
  phone: string;
}

/** A cooperation request as one side sees it; `counterpart` is the other account. */
export interface ResellerApplicationView {
  id: string;
  direction: ResellerApplicationDirection;
  status: ResellerApplicationStatus;
  message: string;
  decisionReason: string;
  counterpart: CounterpartRef;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string;
  /** Invitations: how many invitation e-mails went out, the last one when. */
  sentCount: number;
  lastSentAt: Date | null;
}

type ApplicationRow = typeof resellerApplications.$inferSelect;
type PartnerRow = typeof partners.$inferSelect;

function toView(row: ApplicationRow, counterpart: PartnerRow): ResellerApplicationView {
  return {
    id: row.id,
    direction: row.direction,
    status: row.status,
    message: row.message,
    decisionReason: row.decisionReason,
    counterpart: {
      id: counterpart.id,
      name: counterpart.name,
      companyName: counterpart.companyName,
      email: counterpart.email,
      phone: counterpart.phone,
    },
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy,
    sentCount: row.sentCount,
    lastSentAt: row.lastSentAt,
  };
}

function auditState(row: ApplicationRow): Record<string, unknown> {
  return {
    distributorPartnerId: row.partnerId,
    resellerPartnerId: row.resellerPartnerId,
    direction: row.direction,
    status: row.status,
    message: row.message,
    decisionReason: row.decisionReason,
  };
}

/** Writes one event into both tenants' trails: the distributor's and the reseller's. */
async function auditBoth(
  ctx: ServiceContext,
  tx: Db,
  action: string,
  before: ApplicationRow | null,
  after: ApplicationRow,
  resellerName: string,
): Promise<void> {
  const entry = {
    action,
    resourceType: RESELLER_APPLICATION_RESOURCE,
    resourceId: after.id,
    resourceName: resellerName,
    before: before ? auditState(before) : null,
    after: auditState(after),
  };
  await recordAudit(ctx, tx, { ...entry, partnerId: after.partnerId });
  await recordAudit(ctx, tx, { ...entry, partnerId: after.resellerPartnerId });
}

async function findAccountByName(tx: Db, name: string): Promise<PartnerRow | undefined> {
  const [row] = await tx.select().from(partners).where(eq(partners.name, name));
  return row;
}

/** Refuses a second open request between the same two accounts. */
async function assertNoPendingBetween(
  tx: Db,
  distributorId: string,
  resellerId: string,
): Promise<void> {
  const [open] = await tx
    .select({ id: resellerApplications.id })
    .from(resellerApplications)
    .where(
      and(
        eq(resellerApplications.partnerId, distributorId),
        eq(resellerApplications.resellerPartnerId, resellerId),
        eq(resellerApplications.status, 'pending'),
      ),
    );
  if (open) {
    throw new ApiError(Errors.CONFLICT, {
      detail: 'a cooperation request between these accounts is already pending',
    });
  }
}

async function insertRequest(
  ctx: ServiceContext,
  tx: Db,
  input: {
    distributor: PartnerRow;
    reseller: PartnerRow;
    direction: ResellerApplicationDirection;
    message: string;
  },
): Promise<ApplicationRow> {
  await assertNoPendingBetween(tx, input.distributor.id, input.reseller.id);
  const [row] = await tx
    .insert(resellerApplications)
    .values({
      id: newId(),
      partnerId: input.distributor.id,
      resellerPartnerId: input.reseller.id,
      direction: input.direction,
      status: 'pending',
      message: input.message,
      createdAt: ctx.clock.now(),
      ...(input.direction === 'invitation' ? { sentCount: 1, lastSentAt: ctx.clock.now() } : {}),
    })
    .returning();
  if (!row) throw new Error('reseller application insert returned nothing');
  await auditBoth(
    ctx,
    tx,
    `partners.reseller_application.${input.direction}`,
    null,
    row,
    input.reseller.name,
  );
  return row;
}

const MESSAGE_MAX = 512;

function trimmedMessage(message: string | undefined): string {
  const text = message?.trim() ?? '';
  if (text.length > MESSAGE_MAX) throw invalidParameter('message', `is longer than ${MESSAGE_MAX}`);
  return text;
}

/** Most requests one batch (审核 / 重发) names. */
const MAX_BATCH = 100;

function assertIdBatch(applicationIds: readonly string[]): void {
  if (applicationIds.length === 0 || applicationIds.length > MAX_BATCH) {
    throw invalidParameter('application_ids', `must hold 1 to ${MAX_BATCH} ids`);
  }
  if (new Set(applicationIds).size !== applicationIds.length) {
    throw invalidParameter('application_ids', 'must not repeat an id');
  }
}

function assertUnbound(reseller: PartnerRow): void {
  if (reseller.parentPartnerId !== null) {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      detail: 'the reseller already works with a distributor',
    });
  }
}

/**
 * A reseller without a distributor applies to cooperate with one (R-REG-06); the distributor then
 * approves or rejects it.
 *
 * @throws CBC.0151 unless the caller is a reseller with `partner.info.edit`; CBC.0100 naming
 *   `distributor_account_name` when it names no tier-1 distributor; CBC.0410 when the caller is
 *   already bound; CBC.0409 when a request between the two is already pending.
 */
export async function applyToDistributor(
  ctx: ServiceContext,
  input: { distributorAccountName: string; message?: string | undefined },
): Promise<ResellerApplicationView> {
  assertAccountType(ctx, ['reseller']);
  const principal = assertPermission(ctx, Permissions.PARTNER_INFO_EDIT);
  const message = trimmedMessage(input.message);
  return withTransaction(ctx.db, async (tx) => {
    const distributor = await findAccountByName(tx, input.distributorAccountName);
    if (!distributor || distributor.partnerType !== 'tier1_distributor') {
      throw invalidParameter('distributor_account_name', 'does not name a tier-1 distributor');
    }
    const [reseller] = await tx
      .select()
      .from(partners)
      .where(eq(partners.id, principal.partnerId))
      .for('update');
    if (!reseller) throw new ApiError(Errors.NOT_FOUND, { detail: 'the account no longer exists' });
    assertUnbound(reseller);
    const row = await insertRequest(ctx, tx, {
      distributor,
      reseller,
      direction: 'application',
      message,
    });
    return toView(row, distributor);
  });
}

/** The invitation e-mail (SM-20), in both console languages: who invites, and where to answer. */
export function resellerInvitationMail(invitation: {
  distributorName: string;
  distributorCompany: string;
  resellerName: string;
  message: string;
}): { subject: string; text: string } {
  const inviter = `${invitation.distributorCompany} (${invitation.distributorName})`;
  const lines = [
    `${inviter} invites your partner account "${invitation.resellerName}" to become its cloud reseller.`,
    'Sign in to the Partner Center and open Partner > Distributor cooperation to accept or decline.',
  ];
  if (invitation.message) lines.push(`Message from the distributor: ${invitation.message}`);
  lines.push(
    '',
    `${inviter}邀请您的伙伴账号“${invitation.resellerName}”成为其云经销商。`,
    '请登录伙伴中心，在“伙伴信息 > 总经销商合作”中接受或拒绝邀请。',
  );
  if (invitation.message) lines.push(`总经销商留言：${invitation.message}`);
  return {
    subject: `${invitation.distributorCompany} invites you to be its cloud reseller / 云经销商合作邀请`,
    text: lines.join('\n'),
  };
}

/** An invitation e-mail to send once the transaction that recorded it has committed. */
interface PendingInvitationMail {
  to: string;
  subject: string;
  text: string;
}

function invitationMailOf(
  distributor: PartnerRow,
  reseller: PartnerRow,
  message: string,
): PendingInvitationMail {
  return {
    to: reseller.email,
    ...resellerInvitationMail({
      distributorName: distributor.name,
      distributorCompany: distributor.companyName,
      resellerName: reseller.name,
      message,
    }),
  };
}

/**
 * A tier-1 distributor invites a reseller account that works with no distributor yet (SM-20); the
 * invitation e-mail goes to the reseller's account e-mail after the commit, and the reseller
 * accepts or declines in the console.
 *
 * @throws CBC.0151 unless the caller is a tier-1 distributor with `reseller.manage`; CBC.0100
 *   naming `reseller_account_name` when it names no reseller; CBC.0410 when the reseller is
 *   already bound; CBC.0409 when a request between the two is already pending.
 */
export async function inviteReseller(
  ctx: ServiceContext,
  input: { resellerAccountName: string; message?: string | undefined },
  mailer: Mailer,
): Promise<ResellerApplicationView> {
  const principal = assertDistributor(ctx);
  const message = trimmedMessage(input.message);
  const { view, mail } = await withTransaction(ctx.db, async (tx) => {
    const reseller = await findAccountByName(tx, input.resellerAccountName);
    if (!reseller || reseller.partnerType !== 'reseller') {
      throw invalidParameter('reseller_account_name', 'does not name a reseller account');
    }
    assertUnbound(reseller);
    const [distributor] = await tx
      .select()
      .from(partners)
      .where(eq(partners.id, principal.partnerId));
    if (!distributor)
      throw new ApiError(Errors.NOT_FOUND, { detail: 'the account no longer exists' });
    const row = await insertRequest(ctx, tx, {
      distributor,
      reseller,
      direction: 'invitation',
      message,
    });
    return { view: toView(row, reseller), mail: invitationMailOf(distributor, reseller, message) };
  });
  // ADR 0006: no job queue yet, so the mail leaves after the commit. A crash in between leaves a
  // pending invitation without its mail, which the distributor sends again with "重发邀请".
  await mailer.send(mail);
  return view;
}

/** The shortest wait between two e-mails of one invitation, so a double click sends one mail. */
export const INVITATION_RESEND_INTERVAL_MS = 60_000;

export interface ResendResult {
  resent: number;
  errorDetails: { id: string; errorCode: string; errorMessage: string }[];
}

/** Counts one more e-mail of a pending invitation of the caller's, in its own transaction. */
async function recordResend(
  ctx: ServiceContext,
  principal: Principal,
  applicationId: string,
): Promise<PendingInvitationMail> {
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .select()
      .from(resellerApplications)
      .where(
        and(
          eq(resellerApplications.id, applicationId),
          eq(resellerApplications.partnerId, principal.partnerId),
        ),
      )
      .for('update');
    if (!row) throw notFound();
    if (row.direction !== 'invitation' || row.status !== 'pending') {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
        detail: `a ${row.status} ${row.direction} cannot be sent again`,
      });
    }
    const now = ctx.clock.now();
    if (
      row.lastSentAt &&
      now.getTime() - row.lastSentAt.getTime() < INVITATION_RESEND_INTERVAL_MS
    ) {
      throw new ApiError(Errors.TOO_MANY_REQUESTS, {
        detail: 'the invitation was sent less than a minute ago',
      });
    }
    const [reseller] = await tx
      .select()
      .from(partners)
      .where(eq(partners.id, row.resellerPartnerId));
    const [distributor] = await tx.select().from(partners).where(eq(partners.id, row.partnerId));
    if (!reseller || !distributor) throw notFound();
    const [updated] = await tx
      .update(resellerApplications)
      .set({ sentCount: row.sentCount + 1, lastSentAt: now })
      .where(eq(resellerApplications.id, row.id))
      .returning();
    if (!updated) throw new Error('reseller application update returned nothing');
    await auditBoth(ctx, tx, 'partners.reseller_application.resend', row, updated, reseller.name);
    return invitationMailOf(distributor, reseller, row.message);
  });
}

/**
 * The distributor sends its pending invitations again (P-37 查看邀请记录 → 重发邀请 / 批量重发).
 * Each id succeeds or fails on its own (not the caller's, not a pending invitation, sent less than
 * a minute ago); every success is counted and audited, and its e-mail leaves after its commit.
 *
 * @throws CBC.0151 unless the caller is a tier-1 distributor with `reseller.manage`; CBC.0100
 *   naming `application_ids` when empty, too many or repeated.
 */
export async function resendResellerInvitations(
  ctx: ServiceContext,
  input: { applicationIds: string[] },
  mailer: Mailer,
): Promise<ResendResult> {
  const principal = assertDistributor(ctx);
  assertIdBatch(input.applicationIds);
  const result: ResendResult = { resent: 0, errorDetails: [] };
  for (const id of input.applicationIds) {
    let mail: PendingInvitationMail;
    try {
      mail = await recordResend(ctx, principal, id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      result.errorDetails.push({ id, errorCode: error.code, errorMessage: error.message });
      continue;
    }
    // As in inviteReseller (ADR 0006): sent after the commit; a lost mail can be sent again.
    await mailer.send(mail);
    result.resent += 1;
  }
  return result;
}

export interface ApplicationFilters {
  status?: ResellerApplicationStatus | undefined;
}

async function listFor(
  ctx: ServiceContext,
  side: ApplicationSide,
  partnerId: string,
  filters: ApplicationFilters,
  page: Page,
): Promise<PagedResult<ResellerApplicationView>> {
  const own =
    side === 'distributor'
      ? eq(resellerApplications.partnerId, partnerId)
      : eq(resellerApplications.resellerPartnerId, partnerId);
  const counterpartId =
    side === 'distributor'
      ? resellerApplications.resellerPartnerId
      : resellerApplications.partnerId;
  const where = and(
    own,
    filters.status ? eq(resellerApplications.status, filters.status) : undefined,
  );
  const [total] = await ctx.db.select({ value: count() }).from(resellerApplications).where(where);
  const rows = await ctx.db
    .select({ application: resellerApplications, counterpart: partners })
    .from(resellerApplications)
    .innerJoin(partners, eq(partners.id, counterpartId))
    .where(where)
    .orderBy(desc(resellerApplications.createdAt), asc(resellerApplications.id))
    .limit(page.limit)
    .offset(page.offset);
  return {
    items: rows.map((row) => toView(row.application, row.counterpart)),
    totalCount: total?.value ?? 0,
  };
}

/**
 * The distributor's cooperation requests (P-37 云经销商合作申请), newest first: applications
 * from resellers and its own invitations.
 *
 * @throws CBC.0151 unless the caller is a tier-1 distributor with `reseller.manage`.
 */
export async function listDistributorApplications(
  ctx: ServiceContext,
  filters: ApplicationFilters,
  page: Page,
): Promise<PagedResult<ResellerApplicationView>> {
  const principal = assertDistributor(ctx);
  return listFor(ctx, 'distributor', principal.partnerId, filters, page);
}

/**
 * The calling reseller's own cooperation requests, newest first; it never sees another
 * reseller's rows.
 *
 * @throws CBC.0151 unless the caller is a reseller with `partner.info.view`.
 */
export async function listResellerApplications(
  ctx: ServiceContext,
  filters: ApplicationFilters,
  page: Page,
): Promise<PagedResult<ResellerApplicationView>> {
  assertAccountType(ctx, ['reseller']);
  const principal = assertPermission(ctx, Permissions.PARTNER_INFO_VIEW);
  return listFor(ctx, 'reseller', principal.partnerId, filters, page);
}

function notFound(): ApiError {
  return new ApiError(Errors.NOT_FOUND, { field: 'application_id', detail: 'no such request' });
}

/**
 * Moves one request in its own transaction: locks it, checks the caller's side and the state
 * machine, binds the reseller on approval (and closes its other pending requests), and audits
 * in both trails.
 */
async function moveApplication(
  ctx: ServiceContext,
  principal: Principal,
  side: ApplicationSide,
  applicationId: string,
  event: ApplicationEvent,
  reason: string,
): Promise<ResellerApplicationView> {
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .select()
      .from(resellerApplications)
      .where(eq(resellerApplications.id, applicationId))
      .for('update');
    const ownerId = side === 'distributor' ? row?.partnerId : row?.resellerPartnerId;
    if (!row || ownerId !== principal.partnerId) throw notFound();
    const next = applicationStatusAfter(row, side, event);
    if (!next) {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
        detail: `a ${row.status} ${row.direction} cannot be ${event}d by the ${side}`,
      });
    }
    const [reseller] = await tx
      .select()
      .from(partners)
      .where(eq(partners.id, row.resellerPartnerId))
      .for('update');
    const [distributor] = await tx.select().from(partners).where(eq(partners.id, row.partnerId));
    if (!reseller || !distributor) throw notFound();
    const now = ctx.clock.now();
    if (next === 'approved') {
      assertUnbound(reseller);
      await tx
        .update(partners)
        .set({ parentPartnerId: distributor.id, parentAssociatedAt: now, updatedAt: now })
        .where(and(eq(partners.id, reseller.id), isNull(partners.parentPartnerId)));
    }
    const [updated] = await tx
      .update(resellerApplications)
      .set({
        status: next,
        decisionReason: reason,
        decidedAt: now,
        decidedBy: `${principal.accountName}/${principal.userName}`,
      })
      .where(eq(resellerApplications.id, row.id))
      .returning();
    if (!updated) throw new Error('reseller application update returned nothing');
    await auditBoth(ctx, tx, `partners.reseller_application.${event}`, row, updated, reseller.name);
    if (next === 'approved') await closeOtherRequests(ctx, tx, updated, reseller.name);
    return toView(updated, side === 'distributor' ? reseller : distributor);
  });
}

/** A reseller works with one distributor: its other open requests lapse once one is approved. */
async function closeOtherRequests(
  ctx: ServiceContext,
  tx: Db,
  approved: ApplicationRow,
  resellerName: string,
): Promise<void> {
  const others = await tx
    .select()
    .from(resellerApplications)
    .where(
      and(
        eq(resellerApplications.resellerPartnerId, approved.resellerPartnerId),
        eq(resellerApplications.status, 'pending'),
      ),
    );
  for (const other of others) {
    const [cancelled] = await tx
      .update(resellerApplications)
      .set({
        status: 'cancelled',
        decisionReason: 'the reseller now works with another distributor',
        decidedAt: approved.decidedAt,
        decidedBy: approved.decidedBy,
      })
      .where(eq(resellerApplications.id, other.id))
      .returning();
    if (cancelled) {
      await auditBoth(
        ctx,
        tx,
        'partners.reseller_application.cancel',
        other,
        cancelled,
        resellerName,
      );
    }
  }
}

export interface DecisionResult {
  approved: number;
  rejected: number;
  errorDetails: { id: string; errorCode: string; errorMessage: string }[];
}

/**
 * The distributor approves or rejects reseller applications, one or many (审核 / 批量审批). Each
 * id succeeds or fails on its own; failures are reported per id (not found, not pending, an
 * invitation, the reseller already bound). Approval binds the reseller to the caller.
 *
 * @throws CBC.0151 unless the caller is a tier-1 distributor with `reseller.manage`; CBC.0100
 *   naming `application_ids` when empty, too many or repeated, or `reason` when too long.
 */
export async function decideApplications(
  ctx: ServiceContext,
  input: { applicationIds: string[]; decision: 'approve' | 'reject'; reason?: string | undefined },
): Promise<DecisionResult> {
  const principal = assertDistributor(ctx);
  assertIdBatch(input.applicationIds);
  const reason = input.reason?.trim() ?? '';
  if (reason.length > MESSAGE_MAX)
    throw invalidParameter('reason', `is longer than ${MESSAGE_MAX}`);
  const result: DecisionResult = { approved: 0, rejected: 0, errorDetails: [] };
  for (const id of input.applicationIds) {
    try {
      await moveApplication(ctx, principal, 'distributor', id, input.decision, reason);
      if (input.decision === 'approve') result.approved += 1;
      else result.rejected += 1;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      result.errorDetails.push({ id, errorCode: error.code, errorMessage: error.message });
    }
  }
  return result;
}

/**
 * The distributor withdraws one of its pending invitations.
 *
 * @throws CBC.0151 unless the caller is a tier-1 distributor with `reseller.manage`; CBC.0404
 *   when the request is not the caller's; CBC.0410 unless it is the caller's pending invitation.
 */
export async function cancelInvitation(
  ctx: ServiceContext,
  applicationId: string,
): Promise<ResellerApplicationView> {
  const principal = assertDistributor(ctx);
  return moveApplication(ctx, principal, 'distributor', applicationId, 'cancel', '');
}

/**
 * The reseller acts on one of its requests: accepts or declines an invitation, or cancels its
 * own pending application.
 *
 * @throws CBC.0151 unless the caller is a reseller with `partner.info.edit`; CBC.0404 when the
 *   request is not the caller's; CBC.0410 when the state machine forbids the event (accepting
 *   one's own application, anything on a decided request, accepting while already bound).
 */
export async function respondAsReseller(
  ctx: ServiceContext,
  applicationId: string,
  event: ApplicationEvent,
): Promise<ResellerApplicationView> {
  assertAccountType(ctx, ['reseller']);
  const principal = assertPermission(ctx, Permissions.PARTNER_INFO_EDIT);
  return moveApplication(ctx, principal, 'reseller', applicationId, event, '');
}
