import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { withTransaction } from '../db/index.ts';
import type { AuthenticatedContext, ServiceContext } from '../http/context.ts';
import { ApiError, Errors } from '../http/errors.ts';
import type { PagedResult } from '../http/schemas.ts';
import { newRequestId } from '../ids/index.ts';
import { MINUTE_MS } from '../clock/index.ts';
import { assertNotAssumed, assertPermission } from './authorize.ts';
import type { Keyring } from './keyring.ts';
import { Permissions } from './permissions.ts';
import type { PrincipalRef } from './principal.ts';
import { accessKeys, type AccessKeyStatus } from './schema.ts';

/** Huawei lets each IAM user hold two access keys. */
export const MAX_ACCESS_KEYS_PER_PRINCIPAL = 2;
const ACCESS_KEY_LENGTH = 20;
const SECRET_KEY_LENGTH = 40;
const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALPHANUMERIC = `${UPPER_ALPHANUMERIC}abcdefghijklmnopqrstuvwxyz`;
/** `last_used_at` is a hint for the owner, not a log: one write a minute per key is enough. */
const LAST_USED_RESOLUTION_MS = MINUTE_MS;

export interface AccessKeyView {
  accessKey: string;
  status: AccessKeyStatus;
  description: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A key just created: the only time the secret key leaves the server. */
export interface CreatedAccessKey extends AccessKeyView {
  secretKey: string;
}

type AccessKeyRow = typeof accessKeys.$inferSelect;

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)] ?? '';
  return out;
}

function toView(row: AccessKeyRow): AccessKeyView {
  return {
    accessKey: row.id,
    status: row.status,
    description: row.description,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
  };
}

/**
 * Managing one's own keys needs `access_key.manage` for a partner member (a default right of every
 * role, which an operator may still withhold); a customer always manages its own keys.
 */
function authorizeOwnKeys(ctx: AuthenticatedContext): void {
  // Keys made through an assumed token would outlive the customer's authorization.
  assertNotAssumed(ctx);
  if (ctx.principal.type === 'customer') return;
  assertPermission(ctx, Permissions.ACCESS_KEY_MANAGE);
}

function refOf(ctx: AuthenticatedContext): PrincipalRef {
  const { type, id, partnerId } = ctx.principal;
  return { type, id, partnerId };
}

function ownedBy(ref: PrincipalRef, accessKey?: string) {
  return and(
    eq(accessKeys.partnerId, ref.partnerId),
    eq(accessKeys.principalType, ref.type),
    eq(accessKeys.principalId, ref.id),
    accessKey === undefined ? undefined : eq(accessKeys.id, accessKey),
  );
}

/**
 * Verification reads every key's secret on every signed request; decrypting it each time would
 * cost a query and an AES-GCM open. Entries live 30 s, so a key disabled on another API node
 * stops working within that time; on this node the change evicts the entry at once.
 */
class AccessKeyCache {
  private readonly entries = new Map<string, { key: ResolvedAccessKey; loadedAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get(accessKey: string): ResolvedAccessKey | undefined {
    const entry = this.entries.get(accessKey);
    if (!entry) return undefined;
    this.entries.delete(accessKey);
    if (performance.now() - entry.loadedAt > this.ttlMs) return undefined;
    this.entries.set(accessKey, entry);
    return entry.key;
  }

  set(key: ResolvedAccessKey): void {
    this.entries.delete(key.accessKey);
    this.entries.set(key.accessKey, { key, loadedAt: performance.now() });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(accessKey: string): void {
    this.entries.delete(accessKey);
  }
}

const cache = new AccessKeyCache(1000, 30_000);

/** What the verifier needs about an AK: whose it is, whether it is usable, and its secret. */
export interface ResolvedAccessKey {
  accessKey: string;
  ref: PrincipalRef;
  status: AccessKeyStatus;
  secretKey: string;
  lastUsedAt: Date | null;
}

/**
 * Finds an AK and decrypts its secret, through the in-process cache. Not scoped by tenant: the
 * AK is what identifies the tenant. Returns null for an unknown AK.
 */
export async function resolveAccessKey(
  db: Db,
  keyring: Keyring,
  accessKey: string,
): Promise<ResolvedAccessKey | null> {
  const cached = cache.get(accessKey);
  if (cached) return cached;
  const [row] = await db.select().from(accessKeys).where(eq(accessKeys.id, accessKey));
  if (!row) return null;
  const resolved: ResolvedAccessKey = {
    accessKey: row.id,
    ref: { type: row.principalType, id: row.principalId, partnerId: row.partnerId },
    status: row.status,
    secretKey: keyring.decrypt(row.secretCiphertext),
    lastUsedAt: row.lastUsedAt,
  };
  cache.set(resolved);
  return resolved;
}

/**
 * Stamps `last_used_at` after a successful verification, at most once a minute per key: the
 * cached entry remembers the last stamp, so concurrent requests do not all write.
 */
export async function markAccessKeyUsed(db: Db, key: ResolvedAccessKey, now: Date): Promise<void> {
  if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  key.lastUsedAt = now;
  await db
    .update(accessKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(accessKeys.id, key.accessKey), eq(accessKeys.partnerId, key.ref.partnerId)));
}

/** Serialises key creation per principal, so two concurrent creates cannot pass the limit. */
async function lockPrincipalKeys(tx: Db, ref: PrincipalRef): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`access_keys:${ref.partnerId}:${ref.id}`}))`,
  );
}

async function insertAccessKey(
  ctx: ServiceContext,
  keyring: Keyring,
  ref: PrincipalRef,
  description: string,
): Promise<CreatedAccessKey> {
  return withTransaction(ctx.db, async (tx) => {
    await lockPrincipalKeys(tx, ref);
    const [held] = await tx.select({ total: count() }).from(accessKeys).where(ownedBy(ref));
    if ((held?.total ?? 0) >= MAX_ACCESS_KEYS_PER_PRINCIPAL) {
      throw new ApiError(Errors.LIMIT_EXCEEDED, {
        detail: `a user can hold at most ${MAX_ACCESS_KEYS_PER_PRINCIPAL} access keys; delete one first`,
      });
    }
    const secretKey = randomString(ALPHANUMERIC, SECRET_KEY_LENGTH);
    const [row] = await tx
      .insert(accessKeys)
      .values({
        id: randomString(UPPER_ALPHANUMERIC, ACCESS_KEY_LENGTH),
        partnerId: ref.partnerId,
        principalType: ref.type,
        principalId: ref.id,
        secretCiphertext: keyring.encrypt(secretKey),
        description,
        createdAt: ctx.clock.now(),
      })
      .returning();
    if (!row) throw new Error('access key insert returned nothing');
    await recordAudit(ctx, tx, {
      partnerId: ref.partnerId,
      action: 'auth.access_key.create',
      resourceType: 'access_key',
      resourceId: row.id,
      after: { ...toView(row), principalType: ref.type, principalId: ref.id },
    });
    return { ...toView(row), secretKey };
  });
}

/**
 * Creates an AK/SK pair for the caller. The SK is returned here once and stored only encrypted.
 * Rule: at most two keys per user. Errors: `ACCESS_DENIED` for a member without `access_key.manage`,
 * `LIMIT_EXCEEDED` when the caller already holds two keys.
 */
export async function createAccessKey(
  ctx: AuthenticatedContext,
  keyring: Keyring,
  input: { description?: string | undefined },
): Promise<CreatedAccessKey> {
  authorizeOwnKeys(ctx);
  return insertAccessKey(ctx, keyring, refOf(ctx), input.description ?? '');
}

/**
 * Creates an AK/SK pair for any principal outside a request (the CLI `keys create` and the demo
 * seed); audited with source `cli`. Same limit and error as `createAccessKey`.
 */
export function createAccessKeyFor(
  db: Db,
  keyring: Keyring,
  ref: PrincipalRef,
  description: string,
  now: Date,
): Promise<CreatedAccessKey> {
  const ctx: ServiceContext = {
    db,
    clock: { now: () => now },
    requestId: newRequestId(),
    sourceIp: '',
    source: 'cli',
    log: pino({ enabled: false }),
    principal: null,
  };
  return insertAccessKey(ctx, keyring, ref, description);
}

/** Lists the caller's own keys, oldest first, never with the secret. Error: `ACCESS_DENIED`. */
export async function listAccessKeys(
  ctx: AuthenticatedContext,
): Promise<PagedResult<AccessKeyView>> {
  authorizeOwnKeys(ctx);
  const rows = await ctx.db
    .select()
    .from(accessKeys)
    .where(ownedBy(refOf(ctx)))
    .orderBy(asc(accessKeys.createdAt), asc(accessKeys.id));
  return { items: rows.map(toView), totalCount: rows.length };
}

/**
 * Turns one of the caller's keys on or off; a disabled key fails verification at once on this
 * node. Errors: `ACCESS_DENIED`, `NOT_FOUND` for a key that is not the caller's.
 */
export async function setAccessKeyStatus(
  ctx: AuthenticatedContext,
  input: { accessKey: string; status: AccessKeyStatus },
): Promise<AccessKeyView> {
  authorizeOwnKeys(ctx);
  const ref = refOf(ctx);
  const updated = await withTransaction(ctx.db, async (tx) => {
    const [before] = await tx
      .select()
      .from(accessKeys)
      .where(ownedBy(ref, input.accessKey))
      .for('update');
    if (!before) throw new ApiError(Errors.NOT_FOUND, { detail: `access key ${input.accessKey}` });
    const [row] = await tx
      .update(accessKeys)
      .set({ status: input.status })
      .where(ownedBy(ref, input.accessKey))
      .returning();
    if (!row) throw new Error('access key update returned nothing');
    await recordAudit(ctx, tx, {
      action: input.status === 'active' ? 'auth.access_key.enable' : 'auth.access_key.disable',
      resourceType: 'access_key',
      resourceId: row.id,
      before: { status: before.status },
      after: { status: row.status },
    });
    return row;
  });
  cache.delete(input.accessKey);
  return toView(updated);
}

/** Deletes one of the caller's keys for good. Errors: `ACCESS_DENIED`, `NOT_FOUND`. */
export async function deleteAccessKey(
  ctx: AuthenticatedContext,
  input: { accessKey: string },
): Promise<void> {
  authorizeOwnKeys(ctx);
  const ref = refOf(ctx);
  await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx.delete(accessKeys).where(ownedBy(ref, input.accessKey)).returning();
    if (!row) throw new ApiError(Errors.NOT_FOUND, { detail: `access key ${input.accessKey}` });
    await recordAudit(ctx, tx, {
      action: 'auth.access_key.delete',
      resourceType: 'access_key',
      resourceId: row.id,
      before: { ...toView(row) },
    });
  });
  cache.delete(input.accessKey);
}

/**
 * Re-homes every key of `ref` under tenant `partnerId` (the principal itself moved there) and
 * drops them from this node's cache, whose entries still name the old tenant.
 */
export async function moveAccessKeys(db: Db, ref: PrincipalRef, partnerId: string): Promise<void> {
  const moved = await db
    .update(accessKeys)
    .set({ partnerId })
    .where(ownedBy(ref))
    .returning({ id: accessKeys.id });
  for (const key of moved) cache.delete(key.id);
}
