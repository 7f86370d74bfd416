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
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import QRCode from 'qrcode';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import {
  createExportFile,
  prefetchFirstPage,
  type ExportColumn,
  type ExportFile,
  type ExportFormat,
} from '../../../platform/exports/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import { newId, newSecret } from '../../../platform/ids/index.ts';
import type { Mailer, MailMessage } from '../../../platform/mail/index.ts';
import { findMemberNames, type MemberNames } from '../../org/index.ts';
import { findPartnerById } from '../../partners/index.ts';
import { assertEmail, likePattern } from '../rules.ts';
import {
  customerInvitationAttempts,
  customerInvitations,
  type AssociationType,
  type InvitationChannel,
  type InvitationOutcome,
  type InvitationStatus,
} from '../schema.ts';
import {
  INVITATION_VALIDITY_MS,
  invitationStatusAt,
  linkTag,
  MAX_BATCH_INVITATIONS,
  preregistrationStatusAt,
  type FailureCause,
} from './invitations-rules.ts';
import {
  assertAssociationTypeOffered,
  assertDeveloper,
  getScopedPreregistration,
} from './preregistration.ts';
import { scopedMemberIds } from './shared.ts';

export const INVITATION_RESOURCE = 'customers.invitation';

export type InvitationRow = typeof customerInvitations.$inferSelect;

export interface InvitationView {
  id: string;
  channel: InvitationChannel;
  /** The secret of the link; given out for offline links only (e-mail links reach the invitee alone). */
  token: string | null;
  email: string;
  associationType: AssociationType;
  status: InvitationStatus;
  sentAt: Date;
  expiresAt: Date | null;
  resendCount: number;
  tag: string;
  preregistrationId: string | null;
  inviter: MemberNames;
  createdAt: Date;
}

/** The invitation page a link opens in the console (outside the partner layout). */
export function invitationUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/invite/${encodeURIComponent(token)}`;
}

function inviterScope(principal: Principal): SQL | undefined {
  const members = scopedMemberIds(principal);
  return members ? inArray(customerInvitations.inviterMemberId, [...members]) : undefined;
}

async function toViews(
  db: Db,
  partnerId: string,
  rows: readonly InvitationRow[],
  now: Date,
): Promise<InvitationView[]> {
  const names = new Map(
    (
      await findMemberNames(
        db,
        partnerId,
        rows.map((row) => row.inviterMemberId),
      )
    ).map((member) => [member.id, member]),
  );
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    token: row.channel === 'link' ? row.token : null,
    email: row.email,
    associationType: row.associationType,
    status: invitationStatusAt(row, now),
    sentAt: row.sentAt,
    expiresAt: row.expiresAt,
    resendCount: row.resendCount,
    tag: row.tag,
    preregistrationId: row.preregistrationId,
    inviter: names.get(row.inviterMemberId) ?? {
      id: row.inviterMemberId,
      userName: '',
      displayName: '',
    },
    createdAt: row.createdAt,
  }));
}

const associationTypeNames: Record<AssociationType, { zh: string; en: string }> = {
  '1': { zh: '顾问销售', en: 'referral' },
  '2': { zh: '代售', en: 'reseller' },
};

/**
 * The invitation e-mail (R-CUS-08 preview, R-CUS-12): who invites, in which association type, the
 * link and until when it works. Bilingual, as the invitee's language is unknown.
 */
export function invitationMail(input: {
  partnerName: string;
  associationType: AssociationType;
  link: string;
  expiresAt: Date;
}): Omit<MailMessage, 'to'> {
  const type = associationTypeNames[input.associationType];
  const until = input.expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    subject: `${input.partnerName} 邀请您关联为华为云合作伙伴客户 / invites you to associate with it`,
    text: [
      `您好，${input.partnerName} 邀请您以“${type.zh}”模式关联为其客户。`,
      `请在 ${until}（UTC）前打开以下链接，注册新账号或使用已有账号接受邀请：`,
      input.link,
      '',
      `Hello, ${input.partnerName} invites you to become its customer in the ${type.en} model.`,
      `Open the link before ${until} (UTC) to register a new account or associate an existing one:`,
      input.link,
      '',
      '如非本人操作，请忽略本邮件。If you did not expect this invitation, ignore this message.',
    ].join('\n'),
  };
}

async function partnerNameOf(db: Db, partnerId: string): Promise<string> {
  const partner = await findPartnerById(db, partnerId);
  return partner?.companyName || partner?.name || '';
}

/**
 * Sends the invitation mails after the commit (ADR 0006). A failed send leaves the invitation in
 * place, so the partner resends it; the failure is logged, not answered, since the rows exist.
 */
async function deliver(
  ctx: ServiceContext,
  mailer: Mailer,
  partnerName: string,
  origin: string,
  rows: readonly InvitationRow[],
): Promise<void> {
  for (const row of rows) {
    if (!row.expiresAt) continue;
    try {
      await mailer.send({
        to: row.email,
        ...invitationMail({
          partnerName,
          associationType: row.associationType,
          link: invitationUrl(origin, row.token),
          expiresAt: row.expiresAt,
        }),
      });
    } catch (error) {
      ctx.log.error({ err: error, invitationId: row.id }, 'invitation mail not sent');
    }
  }
}

export interface EmailInvitationInput {
  emails: readonly string[];
  associationType: AssociationType;
  /** The pre-registration the invitation follows up (its e-mail is used when `emails` is empty). */
  preregistrationId?: string | undefined;
  origin: string;
}

/**
 * Invites customers by e-mail, one invitation per address (R-CUS-07/08): each link is valid 7 days
 * from sending; referral type only when enabled (R-CUS-09). Following a pre-registration, that
 * pre-registration must be reserved (已报备, SM-2). Mails leave after the commit.
 *
 * @throws CBC.0151 without `customer.view`; CBC.0100 naming `emails` for none, more than 50 or a
 *   malformed address; CBC.0410 naming `association_type` for referral when it is not enabled, or
 *   naming `preregistration_id` when that pre-registration is not reserved; CBC.0404 for a
 *   pre-registration that is unknown or out of scope.
 */
export async function sendEmailInvitations(
  ctx: ServiceContext,
  input: EmailInvitationInput,
  mailer: Mailer,
): Promise<InvitationView[]> {
  const principal = assertDeveloper(ctx);
  const preregistration = input.preregistrationId
    ? await getScopedPreregistration(ctx.db, principal, input.preregistrationId)
    : null;
  if (preregistration) {
    const status = preregistrationStatusAt(preregistration, ctx.clock.now());
    if (status !== 'registered') {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
        field: 'preregistration_id',
        detail: `only a pre-registered (已报备) customer can be invited; this one is ${status}`,
      });
    }
  }
  const given =
    input.emails.length === 0 && preregistration?.email ? [preregistration.email] : input.emails;
  const emails = [
    ...new Set(given.map((email, index) => assertEmail(email, `emails[${index}]`).toLowerCase())),
  ];
  if (emails.length === 0 || emails.length > MAX_BATCH_INVITATIONS) {
    throw invalidParameter('emails', `must list 1 to ${MAX_BATCH_INVITATIONS} addresses`);
  }
  await assertAssociationTypeOffered(ctx.db, principal.partnerId, input.associationType);
  const rows = await withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const inserted = await tx
      .insert(customerInvitations)
      .values(
        emails.map((email) => ({
          id: newId(),
          partnerId: principal.partnerId,
          channel: 'email' as const,
          token: newSecret(32),
          email,
          associationType: input.associationType,
          inviterMemberId: principal.id,
          preregistrationId: preregistration?.id ?? null,
          status: 'invited' as const,
          sentAt: now,
          expiresAt: new Date(now.getTime() + INVITATION_VALIDITY_MS),
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    for (const row of inserted) {
      await recordAudit(ctx, tx, {
        action: 'customers.invitation.send',
        resourceType: INVITATION_RESOURCE,
        resourceId: row.id,
        resourceName: row.email,
        after: {
          channel: 'email',
          email: row.email,
          associationType: row.associationType,
          preregistrationId: row.preregistrationId,
          expiresAt: row.expiresAt?.toISOString() ?? null,
        },
      });
    }
    return inserted;
  });
  await deliver(ctx, mailer, await partnerNameOf(ctx.db, principal.partnerId), input.origin, rows);
  return toViews(ctx.db, principal.partnerId, rows, ctx.clock.now());
}

/**
 * The invitation e-mail as the invitee would get it, with a sample link (R-CUS-08 预览邮件内容).
 *
 * @throws CBC.0151 without `customer.view`.
 */
export async function previewInvitationMail(
  ctx: ServiceContext,
  input: { associationType: AssociationType; origin: string },
): Promise<Omit<MailMessage, 'to'>> {
  const principal = assertDeveloper(ctx);
  return invitationMail({
    partnerName: await partnerNameOf(ctx.db, principal.partnerId),
    associationType: input.associationType,
    // The real link carries each invitation's own secret; the preview shows where it goes.
    link: `${invitationUrl(input.origin, '')}…`,
    expiresAt: new Date(ctx.clock.now().getTime() + INVITATION_VALIDITY_MS),
  });
}

export interface InvitationFilters {
  channel?: InvitationChannel | undefined;
  email?: string | undefined;
  status?: InvitationStatus | undefined;
  sentFrom?: Date | undefined;
  sentTo?: Date | undefined;
}

function invitationStatusCondition(status: InvitationStatus, now: Date): SQL | undefined {
  const table = customerInvitations;
  const open = inArray(table.status, ['invited', 'failed']);
  const lapsed = and(open, eq(table.channel, 'email'), lte(table.expiresAt, now));
  if (status === 'expired') return or(eq(table.status, 'expired'), lapsed);
  if (status === 'invited' || status === 'failed') {
    return and(eq(table.status, status), or(eq(table.channel, 'link'), gt(table.expiresAt, now)));
  }
  return eq(table.status, status);
}

/**
 * The partner's invitations within the caller's data scope (邀请记录), newest first, each with
 * its status at the current time (an e-mail link past its 7 days reads `expired`).
 *
 * @throws CBC.0151 without `customer.view`.
 */
export async function listInvitations(
  ctx: ServiceContext,
  filters: InvitationFilters,
  page: Page,
): Promise<PagedResult<InvitationView>> {
  const principal = assertDeveloper(ctx);
  const now = ctx.clock.now();
  const table = customerInvitations;
  const where = and(
    eq(table.partnerId, principal.partnerId),
    inviterScope(principal),
    filters.channel ? eq(table.channel, filters.channel) : undefined,
    filters.email ? ilike(table.email, likePattern(filters.email)) : undefined,
    filters.status ? invitationStatusCondition(filters.status, now) : undefined,
    filters.sentFrom ? gte(table.sentAt, filters.sentFrom) : undefined,
    filters.sentTo ? lt(table.sentAt, filters.sentTo) : undefined,
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

async function lockScopedInvitation(
  tx: Db,
  principal: Principal,
  id: string,
): Promise<InvitationRow> {
  const [row] = await tx
    .select()
    .from(customerInvitations)
    .where(
      and(
        eq(customerInvitations.id, id),
        eq(customerInvitations.partnerId, principal.partnerId),
        inviterScope(principal),
      ),
    )
    .for('update');
  if (!row) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such invitation' });
  return row;
}

/**
 * Resends an e-mail invitation (重发邀请, SM-2): an invited, expired or failed invitation is
 * mailed again with the same link, valid 7 days from now.
 *
 * @throws CBC.0151 without `customer.view`; CBC.0404 when unknown or out of scope; CBC.0410 for an
 *   offline link, or an invitation already accepted or revoked.
 */
export async function resendInvitation(
  ctx: ServiceContext,
  id: string,
  origin: string,
  mailer: Mailer,
): Promise<InvitationView> {
  const principal = assertDeveloper(ctx);
  const row = await withTransaction(ctx.db, async (tx) => {
    const current = await lockScopedInvitation(tx, principal, id);
    const now = ctx.clock.now();
    const status = invitationStatusAt(current, now);
    if (current.channel !== 'email' || status === 'associated' || status === 'revoked') {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
        detail: `an invitation that is ${current.channel === 'email' ? status : 'an offline link'} cannot be resent`,
      });
    }
    const [updated] = await tx
      .update(customerInvitations)
      .set({
        status: 'invited',
        sentAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_VALIDITY_MS),
        resendCount: sql`${customerInvitations.resendCount} + 1`,
        updatedAt: now,
      })
      .where(eq(customerInvitations.id, id))
      .returning();
    if (!updated) throw new Error('invitation update returned nothing');
    await recordAudit(ctx, tx, {
      action: 'customers.invitation.resend',
      resourceType: INVITATION_RESOURCE,
      resourceId: id,
      resourceName: current.email,
      before: { status, expiresAt: current.expiresAt?.toISOString() ?? null },
      after: { status: 'invited', expiresAt: updated.expiresAt?.toISOString() ?? null },
    });
    return updated;
  });
  await deliver(ctx, mailer, await partnerNameOf(ctx.db, principal.partnerId), origin, [row]);
  const [view] = await toViews(ctx.db, principal.partnerId, [row], ctx.clock.now());
  if (!view) throw new Error('invitation view missing');
  return view;
}

/**
 * Revokes an invitation: its link stops working at once. An offline link can be revoked too
 * (a leaked QR code); generating again makes a new one.
 *
 * @throws CBC.0151 without `customer.view`; CBC.0404 when unknown or out of scope; CBC.0410 when
 *   it was accepted (e-mail) or revoked already.
 */
export async function revokeInvitation(ctx: ServiceContext, id: string): Promise<InvitationView> {
  const principal = assertDeveloper(ctx);
  const row = await withTransaction(ctx.db, async (tx) => {
    const current = await lockScopedInvitation(tx, principal, id);
    const now = ctx.clock.now();
    const status = invitationStatusAt(current, now);
    if (status === 'associated' || status === 'revoked') {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
        detail: `an invitation that is ${status} cannot be revoked`,
      });
    }
    const [updated] = await tx
      .update(customerInvitations)
      .set({ status: 'revoked', updatedAt: now })
      .where(eq(customerInvitations.id, id))
      .returning();
    if (!updated) throw new Error('invitation update returned nothing');
    await recordAudit(ctx, tx, {
      action: 'customers.invitation.revoke',
      resourceType: INVITATION_RESOURCE,
      resourceId: id,
      resourceName: current.email || current.tag,
      before: { status },
      after: { status: 'revoked' },
    });
    return updated;
  });
  const [view] = await toViews(ctx.db, principal.partnerId, [row], ctx.clock.now());
  if (!view) throw new Error('invitation view missing');
  return view;
}

/**
 * The caller's standing offline links (线下拓展), at most one per association type.
 *
 * @throws CBC.0151 without `customer.view`.
 */
export async function listOfflineLinks(ctx: ServiceContext): Promise<InvitationView[]> {
  const principal = assertDeveloper(ctx);
  const rows = await ctx.db
    .select()
    .from(customerInvitations)
    .where(
      and(
        eq(customerInvitations.partnerId, principal.partnerId),
        eq(customerInvitations.channel, 'link'),
        eq(customerInvitations.inviterMemberId, principal.id),
        eq(customerInvitations.status, 'invited'),
      ),
    )
    .orderBy(asc(customerInvitations.associationType));
  return toViews(ctx.db, principal.partnerId, rows, ctx.clock.now());
}

/**
 * The caller's standing offline link for an association type, created on first use (R-CUS-10):
 * it never expires; an administrator's or operator's carries their account name as its tag,
 * which becomes the 客户标签 of customers who accept it; an account manager's link makes them
 * the customer's manager instead (R-CUS-11).
 *
 * @throws CBC.0151 without `customer.view`; CBC.0410 naming `association_type` for referral when
 *   it is not enabled (R-CUS-09).
 */
export async function generateOfflineLink(
  ctx: ServiceContext,
  associationType: AssociationType,
): Promise<InvitationView> {
  const principal = assertDeveloper(ctx);
  await assertAssociationTypeOffered(ctx.db, principal.partnerId, associationType);
  const row = await withTransaction(ctx.db, async (tx) => {
    // One standing link per member and type: parallel first uses wait for each other.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`invite-link:${principal.id}:${associationType}`}))`,
    );
    const [existing] = await tx
      .select()
      .from(customerInvitations)
      .where(
        and(
          eq(customerInvitations.partnerId, principal.partnerId),
          eq(customerInvitations.channel, 'link'),
          eq(customerInvitations.inviterMemberId, principal.id),
          eq(customerInvitations.associationType, associationType),
          eq(customerInvitations.status, 'invited'),
        ),
      );
    if (existing) return existing;
    const now = ctx.clock.now();
    const [inserted] = await tx
      .insert(customerInvitations)
      .values({
        id: newId(),
        partnerId: principal.partnerId,
        channel: 'link',
        token: newSecret(32),
        associationType,
        inviterMemberId: principal.id,
        tag: linkTag(principal.dataScope, principal.userName),
        status: 'invited',
        sentAt: now,
        expiresAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!inserted) throw new Error('invitation insert returned nothing');
    await recordAudit(ctx, tx, {
      action: 'customers.invitation.link',
      resourceType: INVITATION_RESOURCE,
      resourceId: inserted.id,
      resourceName: inserted.tag,
      after: { channel: 'link', associationType, tag: inserted.tag },
    });
    return inserted;
  });
  const [view] = await toViews(ctx.db, principal.partnerId, [row], ctx.clock.now());
  if (!view) throw new Error('invitation view missing');
  return view;
}

/**
 * The QR code of an offline link as a PNG image (下载二维码), encoding the acceptance page URL.
 *
 * @throws CBC.0151 without `customer.view`; CBC.0404 when the link is unknown, out of scope or
 *   not an offline link.
 */
export async function renderLinkQrCode(
  ctx: ServiceContext,
  id: string,
  origin: string,
): Promise<Buffer> {
  const principal = assertDeveloper(ctx);
  const [row] = await ctx.db
    .select()
    .from(customerInvitations)
    .where(
      and(
        eq(customerInvitations.id, id),
        eq(customerInvitations.partnerId, principal.partnerId),
        eq(customerInvitations.channel, 'link'),
        inviterScope(principal),
      ),
    );
  if (!row) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such offline link' });
  return QRCode.toBuffer(invitationUrl(origin, row.token), {
    type: 'png',
    width: 320,
    margin: 2,
    errorCorrectionLevel: 'M',
  });
}

export interface AttemptView {
  id: string;
  invitationId: string;
  channel: InvitationChannel;
  email: string;
  associationType: AssociationType;
  customerId: string | null;
  accountName: string;
  outcome: InvitationOutcome;
  failureCause: FailureCause | '';
  occurredAt: Date;
  inviter: MemberNames;
}

export interface AttemptFilters {
  accountName?: string | undefined;
  outcome?: InvitationOutcome | undefined;
  occurredFrom?: Date | undefined;
  occurredTo?: Date | undefined;
}

function attemptConditions(principal: Principal, filters: AttemptFilters): SQL | undefined {
  const attempts = customerInvitationAttempts;
  return and(
    eq(attempts.partnerId, principal.partnerId),
    inviterScope(principal),
    filters.accountName ? ilike(attempts.accountName, likePattern(filters.accountName)) : undefined,
    filters.outcome ? eq(attempts.outcome, filters.outcome) : undefined,
    filters.occurredFrom ? gte(attempts.occurredAt, filters.occurredFrom) : undefined,
    filters.occurredTo ? lt(attempts.occurredAt, filters.occurredTo) : undefined,
  );
}

async function attemptPage(
  db: Db,
  partnerId: string,
  where: SQL | undefined,
  page: Page,
): Promise<AttemptView[]> {
  const attempts = customerInvitationAttempts;
  const rows = await db
    .select({ attempt: attempts, invitation: customerInvitations })
    .from(attempts)
    .innerJoin(
      customerInvitations,
      and(
        eq(customerInvitations.id, attempts.invitationId),
        eq(customerInvitations.partnerId, attempts.partnerId),
      ),
    )
    .where(where)
    .orderBy(desc(attempts.occurredAt), asc(attempts.id))
    .limit(page.limit)
    .offset(page.offset);
  const names = new Map(
    (
      await findMemberNames(
        db,
        partnerId,
        rows.map((row) => row.invitation.inviterMemberId),
      )
    ).map((member) => [member.id, member]),
  );
  return rows.map(({ attempt, invitation }) => ({
    id: attempt.id,
    invitationId: invitation.id,
    channel: invitation.channel,
    email: invitation.email,
    associationType: invitation.associationType,
    customerId: attempt.customerId,
    accountName: attempt.accountName,
    outcome: attempt.outcome,
    failureCause: attempt.failureCause as FailureCause | '',
    occurredAt: attempt.occurredAt,
    inviter: names.get(invitation.inviterMemberId) ?? {
      id: invitation.inviterMemberId,
      userName: '',
      displayName: '',
    },
  }));
}

/**
 * 历史记录: every attempt to accept the partner's invitations within the caller's data scope,
 * associated or failed with its cause (R-CUS-19), newest first.
 *
 * @throws CBC.0151 without `customer.view`.
 */
export async function listInvitationAttempts(
  ctx: ServiceContext,
  filters: AttemptFilters,
  page: Page,
): Promise<PagedResult<AttemptView>> {
  const principal = assertDeveloper(ctx);
  const where = attemptConditions(principal, filters);
  const [total] = await ctx.db
    .select({ value: count() })
    .from(customerInvitationAttempts)
    .innerJoin(
      customerInvitations,
      and(
        eq(customerInvitations.id, customerInvitationAttempts.invitationId),
        eq(customerInvitations.partnerId, customerInvitationAttempts.partnerId),
      ),
    )
    .where(where);
  return {
    items: await attemptPage(ctx.db, principal.partnerId, where, page),
    totalCount: total?.value ?? 0,
  };
}

const EXPORT_PAGE_SIZE = 1000;
const EXPORT_MAX_ROWS = 100_000;

const attemptColumns: readonly ExportColumn<AttemptView>[] = [
  { header: 'occurred_at', value: (row) => row.occurredAt, width: 22 },
  { header: 'account_name', value: (row) => row.accountName, width: 28, mask: 'name' },
  { header: 'outcome', value: (row) => row.outcome },
  { header: 'failure_cause', value: (row) => row.failureCause, width: 30 },
  { header: 'channel', value: (row) => row.channel },
  { header: 'email', value: (row) => row.email, width: 28, mask: 'email' },
  { header: 'association_type', value: (row) => row.associationType },
  { header: 'inviter', value: (row) => row.inviter.userName, width: 20 },
];

async function* attemptPages(
  db: Db,
  partnerId: string,
  where: SQL | undefined,
): AsyncGenerator<AttemptView[]> {
  for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += EXPORT_PAGE_SIZE) {
    const rows = await attemptPage(db, partnerId, where, { offset, limit: EXPORT_PAGE_SIZE });
    if (rows.length > 0) yield rows;
    if (rows.length < EXPORT_PAGE_SIZE) return;
  }
}

/**
 * Exports the filtered history as CSV or XLSX, account names and e-mails masked (X3).
 *
 * @throws CBC.0151 without `customer.view`.
 */
export async function exportInvitationAttempts(
  ctx: ServiceContext,
  filters: AttemptFilters,
  format: ExportFormat,
): Promise<ExportFile> {
  const principal = assertDeveloper(ctx);
  const where = attemptConditions(principal, filters);
  return createExportFile({
    baseName: 'invitation-history',
    format,
    at: ctx.clock.now(),
    columns: attemptColumns,
    pages: await prefetchFirstPage(attemptPages(ctx.db, principal.partnerId, where)),
  });
}
