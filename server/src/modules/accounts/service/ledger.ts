import { randomBytes } from 'node:crypto';
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import { formatMoney, Money, type Money as MoneyValue } from '../../../platform/money/index.ts';
import {
  allowsNegative,
  applyLeg,
  compactUtc,
  isBalancedTransaction,
  transactionWireNames,
} from '../rules.ts';
import {
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  type AccountKind,
  type AccountOwnerType,
  type TransactionKind,
} from '../schema.ts';

export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect;

export const DEFAULT_CURRENCY = 'CNY';

/** Names one ledger account; it is opened at its first posting. */
export interface AccountKey {
  /** The tenant owning the account (the customer's partner for a customer account). */
  partnerId: string;
  ownerType: AccountOwnerType;
  ownerId: string;
  kind: AccountKind;
  reference?: string;
}

export interface Leg {
  account: AccountKey;
  /** Signed: negative takes money out of the account, positive puts it in. */
  amount: MoneyValue;
}

export interface Counterparty {
  type: AccountOwnerType;
  id: string;
  name: string;
}

export interface PostingInput {
  kind: TransactionKind;
  /** The tenant whose funds move; the transaction is listed in its records. */
  partnerId: string;
  legs: readonly Leg[];
  /** The amount moved, as the records show it (positive). */
  amount: MoneyValue;
  counterparty?: Counterparty | undefined;
  memo?: string | undefined;
  idempotencyKey?: string | undefined;
}

export interface PostedEntry {
  accountId: string;
  account: AccountKey;
  amount: MoneyValue;
  balanceAfter: MoneyValue;
}

export interface PostedTransaction {
  id: string;
  kind: TransactionKind;
  occurredAt: Date;
  entries: PostedEntry[];
}

function keyText(key: AccountKey): string {
  return [key.partnerId, key.ownerType, key.ownerId, key.kind, key.reference ?? ''].join('\u0000');
}

function matchesKey(key: AccountKey): SQL | undefined {
  return and(
    eq(ledgerAccounts.partnerId, key.partnerId),
    eq(ledgerAccounts.ownerType, key.ownerType),
    eq(ledgerAccounts.ownerId, key.ownerId),
    eq(ledgerAccounts.kind, key.kind),
    eq(ledgerAccounts.reference, key.reference ?? ''),
    eq(ledgerAccounts.currency, DEFAULT_CURRENCY),
  );
}

/**
 * Posts one money move inside the caller's transaction `tx`: opens missing accounts, locks every
 * touched account `FOR UPDATE` in ascending id order (so two moves over the same accounts always
 * lock in the same order and cannot deadlock), refuses a leg that would take an account that
 * may not go negative below zero, then writes the transaction, its entries and the new balances.
 * The caller audits the business change in the same `tx`.
 *
 * @throws CBC.99005003 when a leg exceeds the account's balance (nothing is written).
 */
export async function postTransaction(
  ctx: AuthenticatedContext,
  tx: Db,
  input: PostingInput,
): Promise<PostedTransaction> {
  if (!isBalancedTransaction(input.legs.map((leg) => leg.amount))) {
    throw new Error(`unbalanced ${input.kind} posting`);
  }
  const now = ctx.clock.now();
  const keys = [...new Map(input.legs.map((leg) => [keyText(leg.account), leg.account])).values()];
  await openAccounts(tx, keys, now);
  // Everything that needs no lock is written first, so the accounts stay locked only for the
  // balance check, one combined write and the commit.
  const id = `${transactionWireNames[input.kind].idPrefix}${compactUtc(now)}${randomBytes(6).toString('hex')}`;
  const principal = ctx.principal;
  await tx.insert(ledgerTransactions).values({
    id,
    partnerId: input.partnerId,
    kind: input.kind,
    counterpartyType: input.counterparty?.type ?? null,
    counterpartyId: input.counterparty?.id ?? null,
    counterpartyName: input.counterparty?.name ?? '',
    amount: formatMoney(input.amount),
    currency: DEFAULT_CURRENCY,
    memo: input.memo ?? '',
    actorType: principal.type,
    actorId: principal.id,
    actorName: `${principal.accountName}/${principal.userName}`,
    requestId: ctx.requestId,
    idempotencyKey: input.idempotencyKey ?? null,
    occurredAt: now,
  });
  const locked = await lockAccounts(tx, keys);
  const byKey = new Map(
    locked.map((row) => [keyText(row), { row, balance: new Money(row.balance) }]),
  );

  const entries: PostedEntry[] = [];
  for (const leg of input.legs) {
    const account = byKey.get(keyText(leg.account));
    if (!account) throw new Error(`ledger account ${keyText(leg.account)} was not opened`);
    const after = applyLeg(account.balance, leg.amount, account.row.allowNegative);
    if (after === null) throw new ApiError(Errors.INSUFFICIENT_BALANCE);
    account.balance = after;
    entries.push({
      accountId: account.row.id,
      account: leg.account,
      amount: leg.amount,
      balanceAfter: after,
    });
  }

  const at = now.toISOString();
  const entryRows = entries.map(
    (entry) =>
      sql`(${newId()}, ${entry.account.partnerId}, ${id}, ${entry.accountId}, ${formatMoney(entry.amount)}::numeric, ${formatMoney(entry.balanceAfter)}::numeric, ${at}::timestamptz)`,
  );
  const balanceRows = [...byKey.values()].map(
    ({ row, balance }) => sql`(${row.id}, ${formatMoney(balance)}::numeric)`,
  );
  await tx.execute(sql`
    with written as (
      insert into ${ledgerEntries}
        (id, partner_id, transaction_id, account_id, amount, balance_after, occurred_at)
      values ${sql.join(entryRows, sql`, `)}
    )
    update ${ledgerAccounts} as a set balance = v.balance, updated_at = ${at}::timestamptz
    from (values ${sql.join(balanceRows, sql`, `)}) as v(id, balance)
    where a.id = v.id`);
  return { id, kind: input.kind, occurredAt: now, entries };
}

/**
 * Opens the accounts of `keys` that do not exist yet, in one statement and in key order, before
 * anything is locked: a concurrent opener of the same account makes this wait for its commit, and
 * since no row lock is held yet, such waits cannot close a cycle. A transaction that will post
 * several moves (a batch) opens all their accounts first for the same reason.
 */
export async function openAccounts(tx: Db, keys: readonly AccountKey[], at: Date): Promise<void> {
  if (keys.length === 0) return;
  const sorted = [...new Map(keys.map((key) => [keyText(key), key])).values()].sort((a, b) =>
    keyText(a) < keyText(b) ? -1 : 1,
  );
  await tx
    .insert(ledgerAccounts)
    .values(
      sorted.map((key) => ({
        id: newId(),
        partnerId: key.partnerId,
        ownerType: key.ownerType,
        ownerId: key.ownerId,
        kind: key.kind,
        reference: key.reference ?? '',
        currency: DEFAULT_CURRENCY,
        allowNegative: allowsNegative(key.kind),
        createdAt: at,
        updatedAt: at,
      })),
    )
    .onConflictDoNothing();
}

/**
 * Locks the (opened) accounts of `keys` `FOR UPDATE` in ascending id order, the one global order
 * every transaction uses. A transaction that posts several moves (a batch) locks all their
 * accounts at once first: locking them move by move would take a shared account (the partner's
 * cash) before another move's customer account, out of that order.
 */
export function lockAccounts(tx: Db, keys: readonly AccountKey[]): Promise<LedgerAccountRow[]> {
  return tx
    .select()
    .from(ledgerAccounts)
    .where(or(...keys.map(matchesKey)))
    .orderBy(ledgerAccounts.id)
    .for('update');
}

/** The account named by `key`, or null when nothing was ever posted to it. */
export async function findAccount(db: Db, key: AccountKey): Promise<LedgerAccountRow | null> {
  const [row] = await db.select().from(ledgerAccounts).where(matchesKey(key));
  return row ?? null;
}

/** The balance of `key` (zero for an account never posted to). */
export async function balanceOf(db: Db, key: AccountKey): Promise<MoneyValue> {
  const row = await findAccount(db, key);
  return new Money(row?.balance ?? 0);
}

/** The cash accounts of several owners of one tenant, by owner id. */
export async function cashBalances(
  db: Db,
  partnerId: string,
  ownerType: AccountOwnerType,
  ownerIds: readonly string[],
): Promise<Map<string, MoneyValue>> {
  if (ownerIds.length === 0) return new Map();
  const rows = await db
    .select({ ownerId: ledgerAccounts.ownerId, balance: ledgerAccounts.balance })
    .from(ledgerAccounts)
    .where(
      and(
        eq(ledgerAccounts.partnerId, partnerId),
        eq(ledgerAccounts.ownerType, ownerType),
        inArray(ledgerAccounts.ownerId, [...ownerIds]),
        eq(ledgerAccounts.kind, 'cash'),
        eq(ledgerAccounts.reference, ''),
      ),
    );
  return new Map(rows.map((row) => [row.ownerId, new Money(row.balance)]));
}

/** Sets a credit account's recorded line (the balance moves through a posting). */
export async function setCreditLimit(
  tx: Db,
  key: AccountKey,
  creditLimit: MoneyValue,
  at: Date,
): Promise<void> {
  await tx
    .update(ledgerAccounts)
    .set({ creditLimit: formatMoney(creditLimit), updatedAt: at })
    .where(matchesKey(key));
}
