import { createHash, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import { HOUR_MS, MINUTE_MS } from '../clock/index.ts';
import type { Db } from '../db/index.ts';
import { newId, newSecret } from '../ids/index.ts';
import type { PrincipalRef } from './principal.ts';
import { authSessions, type SessionKind } from './schema.ts';

/** IAM tokens are valid for 24 hours from issue, whatever their use. */
export const TOKEN_LIFETIME_MS = 24 * HOUR_MS;
/** A console session ends after 12 hours without a request. */
export const CONSOLE_IDLE_TIMEOUT_MS = 12 * HOUR_MS;
/** Sliding the idle deadline is a write; once a minute per session keeps it off the hot path. */
const SLIDE_RESOLUTION_MS = MINUTE_MS;

/** A live bearer credential, as the auth plugin attaches it to the request. */
export interface SessionRecord {
  id: string;
  kind: SessionKind;
  ref: PrincipalRef;
  csrfToken: string | null;
  issuedAt: Date;
  expiresAt: Date;
  /** For a token obtained through `assume_role`: the member acting as the customer of `ref`. */
  assumedBy: PrincipalRef | null;
}

export interface IssuedSession {
  /** The bearer secret: the `X-Subject-Token` or the cookie value. Only its hash is stored. */
  secret: string;
  session: SessionRecord;
}

export interface IssueSessionInput {
  kind: SessionKind;
  ref: PrincipalRef;
  now: Date;
  sourceIp: string;
  userAgent: string;
  /** The acting member of an assumed token (kept in `details`). */
  assumedBy?: PrincipalRef | undefined;
  /** Ends earlier than the kind's lifetime (an assumed token never outlives its actor's token). */
  notAfter?: Date | undefined;
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The columns a live session needs; the audit-only ones (agent, IP) stay unread. */
const sessionColumns = {
  id: authSessions.id,
  partnerId: authSessions.partnerId,
  kind: authSessions.kind,
  csrfToken: authSessions.csrfToken,
  principalType: authSessions.principalType,
  principalId: authSessions.principalId,
  issuedAt: authSessions.issuedAt,
  expiresAt: authSessions.expiresAt,
  details: authSessions.details,
};

type SessionRow = Pick<typeof authSessions.$inferSelect, keyof typeof sessionColumns>;

/** The acting member stored in an assumed token's details, or null for an ordinary session. */
function assumedByOf(details: Record<string, unknown>): PrincipalRef | null {
  const value = details.assumedBy;
  if (typeof value !== 'object' || value === null) return null;
  const { id, partnerId } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof partnerId !== 'string') return null;
  return { type: 'member', id, partnerId };
}

function toRecord(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    kind: row.kind,
    ref: { type: row.principalType, id: row.principalId, partnerId: row.partnerId },
    csrfToken: row.csrfToken,
    issuedAt: row.issuedAt,
    expiresAt: row.expiresAt,
    assumedBy: assumedByOf(row.details),
  };
}

/** Stores a new token or console session; console sessions also get a CSRF token. */
export async function issueSession(db: Db, input: IssueSessionInput): Promise<IssuedSession> {
  const secret = newSecret(32);
  const lifetime = input.kind === 'token' ? TOKEN_LIFETIME_MS : CONSOLE_IDLE_TIMEOUT_MS;
  const expiresAt = new Date(input.now.getTime() + lifetime);
  const [row] = await db
    .insert(authSessions)
    .values({
      id: newId(),
      partnerId: input.ref.partnerId,
      kind: input.kind,
      secretHash: hashSecret(secret),
      csrfToken: input.kind === 'console' ? newSecret(24) : null,
      principalType: input.ref.type,
      principalId: input.ref.id,
      issuedAt: input.now,
      expiresAt: input.notAfter && input.notAfter < expiresAt ? input.notAfter : expiresAt,
      sourceIp: input.sourceIp.slice(0, 64),
      userAgent: input.userAgent.slice(0, 512),
      details: input.assumedBy
        ? { assumedBy: { id: input.assumedBy.id, partnerId: input.assumedBy.partnerId } }
        : {},
    })
    .returning();
  if (!row) throw new Error('session insert returned nothing');
  return { secret, session: toRecord(row) };
}

/**
 * The live session of kind `kind` behind a bearer secret, or null when it is unknown, expired or
 * revoked. Console sessions slide: each use pushes the idle deadline 12 hours ahead.
 */
export async function resolveSession(
  db: Db,
  kind: SessionKind,
  secret: string,
  now: Date,
): Promise<SessionRecord | null> {
  const [row] = await db
    .select(sessionColumns)
    .from(authSessions)
    .where(
      and(
        eq(authSessions.secretHash, hashSecret(secret)),
        eq(authSessions.kind, kind),
        isNull(authSessions.revokedAt),
        gt(authSessions.expiresAt, now),
      ),
    );
  if (!row) return null;
  const record = toRecord(row);
  if (kind === 'console') {
    const slid = new Date(now.getTime() + CONSOLE_IDLE_TIMEOUT_MS);
    if (slid.getTime() - row.expiresAt.getTime() >= SLIDE_RESOLUTION_MS) {
      await db
        .update(authSessions)
        .set({ expiresAt: slid })
        .where(and(eq(authSessions.id, row.id), eq(authSessions.partnerId, row.partnerId)));
      record.expiresAt = slid;
    }
  }
  return record;
}

/** The live token behind `secret` within one tenant (for revocation by another caller). */
export async function findToken(
  db: Db,
  partnerId: string,
  secret: string,
  now: Date,
): Promise<SessionRecord | null> {
  const [row] = await db
    .select(sessionColumns)
    .from(authSessions)
    .where(
      and(
        eq(authSessions.partnerId, partnerId),
        eq(authSessions.secretHash, hashSecret(secret)),
        eq(authSessions.kind, 'token'),
        isNull(authSessions.revokedAt),
        gt(authSessions.expiresAt, now),
      ),
    );
  return row ? toRecord(row) : null;
}

export async function revokeSession(db: Db, session: SessionRecord, now: Date): Promise<void> {
  await db
    .update(authSessions)
    .set({ revokedAt: now })
    .where(and(eq(authSessions.id, session.id), eq(authSessions.partnerId, session.ref.partnerId)));
}

/** Revokes every live token and session of a principal except `keepId` (after a password change). */
export async function revokeOtherSessions(
  db: Db,
  ref: PrincipalRef,
  keepId: string | null,
  now: Date,
): Promise<void> {
  await db
    .update(authSessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(authSessions.partnerId, ref.partnerId),
        eq(authSessions.principalType, ref.type),
        eq(authSessions.principalId, ref.id),
        isNull(authSessions.revokedAt),
        keepId === null ? undefined : ne(authSessions.id, keepId),
      ),
    );
}

/** Re-homes every live token and session of `ref` under tenant `partnerId`. */
export async function moveSessions(
  db: Db,
  ref: PrincipalRef,
  partnerId: string,
  now: Date,
): Promise<void> {
  await db
    .update(authSessions)
    .set({ partnerId })
    .where(
      and(
        eq(authSessions.partnerId, ref.partnerId),
        eq(authSessions.principalType, ref.type),
        eq(authSessions.principalId, ref.id),
        isNull(authSessions.revokedAt),
        gt(authSessions.expiresAt, now),
      ),
    );
}

/** Constant-time check of the `X-CSRF-Token` header against the session's token. */
export function csrfTokenMatches(session: SessionRecord, presented: string | undefined): boolean {
  if (!session.csrfToken || presented === undefined) return false;
  const expected = createHash('sha256').update(session.csrfToken).digest();
  const actual = createHash('sha256').update(presented).digest();
  return timingSafeEqual(expected, actual);
}
