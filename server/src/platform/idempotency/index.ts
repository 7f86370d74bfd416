import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { DAY_MS } from '../clock/index.ts';
import { withTransaction, type Db } from '../db/index.ts';
import type { AuthenticatedContext } from '../http/context.ts';
import { ApiError, Errors, invalidParameter } from '../http/errors.ts';
import { idempotencyKeys } from './schema.ts';

export { idempotencyKeys } from './schema.ts';

/** How long a key answers with its first response (DESIGN.md: a repeat within 24 h). */
export const IDEMPOTENCY_RETENTION_MS = DAY_MS;

/** The header's name on the wire, as clients spell it. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

const keyPattern = /^[\x21-\x7e]{1,128}$/;

/**
 * Reads the optional `Idempotency-Key` header: absent means "no idempotency" (Huawei's own
 * behaviour); present, it must be 1–128 visible ASCII characters.
 *
 * @throws CBC.0100 naming the header.
 */
export function readIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const key = Array.isArray(value) ? value.join(',') : value;
  if (!keyPattern.test(key)) {
    throw invalidParameter(IDEMPOTENCY_HEADER, 'must be 1 to 128 visible ASCII characters');
  }
  return key;
}

export interface IdempotentRequest {
  /** The key the client sent, or undefined to run without idempotency. */
  key: string | undefined;
  /** The operation's name; the same key on another operation is a different request. */
  operation: string;
  /** The parameters that make the request what it is (JSON-serialisable). */
  parameters: unknown;
  /**
   * True when every write of `work` is one statement that may commit on its own (one move, or a
   * batch whose items succeed or fail one by one): without a key, `work` then runs on the
   * database itself, with no transaction to open and commit around it.
   */
  standaloneWrites?: boolean | undefined;
}

export interface IdempotentAnswer<T> {
  status: number;
  body: T;
  /** True when this is the stored answer of an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Runs a money-moving `work` in one transaction, at most once per (partner, key) within 24 h.
 * The key is claimed first, in the same transaction: a concurrent duplicate blocks on the
 * primary key until the first commits, then replays its answer; if the first rolls back, the
 * duplicate runs instead. A failed request stores nothing, so retrying it moves money again
 * only if the retry succeeds. Without a key, `work` simply runs in a transaction, or on its own
 * when its writes are `standaloneWrites`.
 *
 * @throws CBC.0413 when the key was used with another operation or other parameters.
 */
export async function runIdempotent<T>(
  ctx: AuthenticatedContext,
  request: IdempotentRequest,
  status: number,
  work: (tx: Db) => Promise<T>,
): Promise<IdempotentAnswer<T>> {
  const { key } = request;
  if (key === undefined) {
    const body = request.standaloneWrites
      ? await work(ctx.db)
      : await withTransaction(ctx.db, work);
    return { status, body, replayed: false };
  }
  const partnerId = ctx.principal.partnerId;
  const fingerprint = fingerprintOf(request.operation, request.parameters);
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const cutoff = new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS);
    // Claim the key, or take over one whose 24 h are over; a live key is left untouched.
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ partnerId, key, operation: request.operation, fingerprint, createdAt: now })
      .onConflictDoUpdate({
        target: [idempotencyKeys.partnerId, idempotencyKeys.key],
        set: {
          operation: request.operation,
          fingerprint,
          status: null,
          response: null,
          createdAt: now,
        },
        setWhere: lt(idempotencyKeys.createdAt, cutoff),
      })
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [stored] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.partnerId, partnerId), eq(idempotencyKeys.key, key)));
      // The claim failed only because a committed, live row holds the key.
      if (!stored) throw new Error(`idempotency key ${key} vanished while held`);
      if (stored.fingerprint !== fingerprint) {
        throw new ApiError(Errors.IDEMPOTENCY_KEY_REUSED, { field: IDEMPOTENCY_HEADER });
      }
      return { status: stored.status ?? status, body: stored.response as T, replayed: true };
    }
    const body = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ status, response: body })
      .where(and(eq(idempotencyKeys.partnerId, partnerId), eq(idempotencyKeys.key, key)));
    return { status, body, replayed: false };
  });
}

/** SHA-256 of the operation and its parameters in a canonical (key-sorted) JSON form. */
export function fingerprintOf(operation: string, parameters: unknown): string {
  return createHash('sha256')
    .update(operation)
    .update('\n')
    .update(canonicalJson(parameters))
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
