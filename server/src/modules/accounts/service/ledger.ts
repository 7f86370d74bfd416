import { randomBytes } from 'node:crypto';
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { auditEvents, auditRow, type AuditEntry } from '../../../platform/audit/index.ts';
import { isTransaction, refusalOf, type Db } from '../../../platform/db/index.ts';
import {
  executeText,
  StatementText,
  tableRows,
  tableShape,
  type RowInsert,
} from '../../../platform/db/statement.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import { formatMoney, Money, type Money as MoneyValue } from '../../../platform/money/index.ts';
import {
  allowsNegative,
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
  /**
   * The transaction's id, from `newTransactionId`, when the caller's `writes` name it; else a
   * new one.
   */
  id?: string | undefined;
  kind: TransactionKind;
  /** The tenant whose funds move; the transaction is listed in its records. */
  partnerId: string;
  legs: readonly Leg[];
  /** The amount moved, as the records show it (positive). */
  amount: MoneyValue;
  counterparty?: Counterparty | undefined;
  memo?: string | undefined;
  idempotencyKey?: string | undefined;
  /**
   * The business change's audit event, its resource being the transaction: written by the
   * posting's statement with every touched account's balance before and after, so the caller
   * writes nothing once the accounts are locked.
   */
  audit?: Omit<AuditEntry, 'resourceId' | 'before' | 'after'> | undefined;
  /**
   * Rows of the business change that need no balance (a coupon, its log line, its audit),
   * inserted by the posting's statement, so that a refused move writes none of them.
   */
  inserts?: readonly RowInsert[] | undefined;
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

/** A new transaction id: the kind's Huawei-looking prefix, the UTC second and random hex. */
export function newTransactionId(kind: TransactionKind, at: Date): string {
  return `${transactionWireNames[kind].idPrefix}${compactUtc(at)}${randomBytes(6).toString('hex')}`;
}

/**
 * Posts one money move in one statement, which may run on its own (autocommit) or inside the
 * caller's transaction `db`. The statement locks every touched account `FOR UPDATE` in ascending
 * id order (so two moves over the same accounts always lock in the same order and cannot
 * deadlock), opens the accounts never posted to, checks that no account that may not go negative
 * goes below zero, and writes the entries, the new balances, the transaction row, the caller's
 * `inserts` and the audit event. A move it must refuse raises (`huoban_refuse`),
 * so the statement writes nothing. On its own it is one round trip, and a hot account (one
 * partner's cash, one quota) stays locked only from its lock to the commit that ends the statement.
 *
 * @throws CBC.99005003 when a leg exceeds the account's balance (nothing is written; inside a
 *   transaction, the caller's transaction or savepoint is aborted).
 */
export async function postTransaction(
  ctx: AuthenticatedContext,
  db: Db,
  input: PostingInput,
): Promise<PostedTransaction> {
  if (!isBalancedTransaction(input.legs.map((leg) => leg.amount))) {
    throw new Error(`unbalanced ${input.kind} posting`);
  }
  const now = ctx.clock.now();
  const id = input.id ?? newTransactionId(input.kind, now);
  const { text, params } = postingStatement(ctx, id, now, input);
  const inTransaction = isTransaction(db);
  // Inside a transaction a refusal would abort it, so a concurrent opener of the same account is
  // waited for here instead, before the posting locks anything.
  if (inTransaction)
    await openAccounts(
      db,
      input.legs.map((leg) => leg.account),
      now,
    );
  const rows = await runPosting(db, text, params, inTransaction);
  const entries = input.legs.map((leg, index): PostedEntry => {
    const step = rows[index];
    if (!step) throw new Error(`no ledger step for leg ${String(index)}`);
    return {
      accountId: step.account_id,
      account: leg.account,
      amount: leg.amount,
      balanceAfter: new Money(step.balance_after),
    };
  });
  return { id, kind: input.kind, occurredAt: now, entries };
}

/**
 * The posting statement. `found` reads which touched accounts exist; the others are inserted by
 * `opened` with their balance after the move, before anything is locked (`locked` waits for it
 * through its scalar subquery): an insert that waits for a concurrent opener of the same account
 * then holds no lock another transaction could be waiting for. If that opener commits, `opened`
 * inserts nothing for the account and the move is refused as `missing_account`, to run again with
 * a snapshot that holds it. `locked` locks the existing accounts in id order; `steps` is each
 * leg's running balance per account in leg order; `allowed` says that no step takes an account
 * that may not go negative below zero, and only then are balances written (the table's check
 * would fail first). `verdict` refuses the move, so that the statement writes nothing, unless it
 * is allowed and every new account was opened by it.
 */
function postingStatement(
  ctx: AuthenticatedContext,
  id: string,
  now: Date,
  input: PostingInput,
): { text: string; params: unknown[] } {
  const statement = new StatementText();
  const accountsTable = tableShape(ledgerAccounts).name;
  const p = (value: unknown, cast?: string) => statement.param(value, cast);
  const at = p(now.toISOString(), 'timestamptz');
  const principal = ctx.principal;
  const legRows = input.legs.map(
    (leg, index) =>
      `(${p(index, 'int')}, ${p(newId())}, ${p(leg.account.partnerId)}, ${p(leg.account.ownerType)}, ${p(leg.account.ownerId)}, ${p(leg.account.kind)}, ${p(leg.account.reference ?? '')}, ${p(formatMoney(leg.amount), 'numeric')}, ${p(newId())}, ${p(allowsNegative(leg.account.kind), 'boolean')})`,
  );
  const inserts = (input.inserts ?? []).map(
    ({ table, row }, index) => `w${String(index)} as (${statement.insert(table, row)}),`,
  );
  const audited = input.audit
    ? `audited as (${statement.insert(
        auditEvents,
        auditRow(ctx, { ...input.audit, resourceId: id }),
        {
          before:
            '(select jsonb_object_agg(audit_name, (balance_after - amount)::text) from steps)',
          after: '(select jsonb_object_agg(audit_name, balance_after::text) from steps)',
        },
      )}),`
    : '';
  const text = `
    with legs (ord, entry_id, partner_id, owner_type, owner_id, kind, reference, amount,
      new_account_id, allow_negative) as (
      values ${legRows.join(', ')}
    ),
    account_keys as (
      select distinct on (partner_id, owner_type, owner_id, kind, reference)
        partner_id, owner_type, owner_id, kind, reference, new_account_id, allow_negative
      from legs
      order by partner_id, owner_type, owner_id, kind, reference, ord
    ),
    found as materialized (
      select a.id, k.partner_id, k.owner_type, k.owner_id, k.kind, k.reference
      from account_keys as k
      join ${accountsTable} as a using (partner_id, owner_type, owner_id, kind, reference)
      where a.currency = '${DEFAULT_CURRENCY}'
    ),
    new_accounts as materialized (
      select k.new_account_id as id, k.partner_id, k.owner_type, k.owner_id, k.kind, k.reference,
        k.allow_negative, sum(l.amount) as balance
      from account_keys as k
      join legs as l using (partner_id, owner_type, owner_id, kind, reference)
      left join found as f using (partner_id, owner_type, owner_id, kind, reference)
      where f.id is null
      group by k.new_account_id, k.partner_id, k.owner_type, k.owner_id, k.kind, k.reference,
        k.allow_negative
    ),
    opened as (
      insert into ${accountsTable}
        (id, partner_id, owner_type, owner_id, kind, reference, currency, balance, allow_negative,
         created_at, updated_at)
      select id, partner_id, owner_type, owner_id, kind, reference, '${DEFAULT_CURRENCY}', balance,
        allow_negative, ${at}, ${at}
      from new_accounts
      where not exists (select from new_accounts where not allow_negative and balance < 0)
      order by partner_id, owner_type, owner_id, kind, reference
      on conflict do nothing
      returning id
    ),
    locked as materialized (
      select a.id, a.balance, a.allow_negative, a.partner_id, a.owner_type, a.owner_id, a.kind,
        a.reference
      from ${accountsTable} as a
      where a.id in (select id from found)
        and (select count(*) from opened) >= 0
      order by a.id
      for update
    ),
    touched as materialized (
      select id, balance, allow_negative, false as is_new, partner_id, owner_type, owner_id, kind,
        reference
      from locked
      union all
      select id, 0, allow_negative, true, partner_id, owner_type, owner_id, kind, reference
      from new_accounts
    ),
    steps as materialized (
      select l.ord, l.entry_id, l.partner_id, t.id as account_id, l.amount, t.allow_negative,
        t.is_new, t.balance + sum(l.amount) over (partition by t.id order by l.ord) as balance_after,
        l.owner_type || ':' || l.owner_id || ':' || l.kind as audit_name
      from legs as l
      join touched as t using (partner_id, owner_type, owner_id, kind, reference)
    ),
    allowed as materialized (
      select bool_and(allow_negative or balance_after >= 0) as ok from steps
    ),
    finals as materialized (
      select distinct on (account_id) account_id, balance_after
      from steps, allowed
      where allowed.ok and not steps.is_new
      order by account_id, ord desc
    ),
    moved as (
      update ${accountsTable} as a set balance = f.balance_after, updated_at = ${at}
      from finals as f
      where a.id = f.account_id
    ),
    ${inserts.join('\n    ')}
    recorded as (
      insert into ${tableShape(ledgerTransactions).name}
        (id, partner_id, kind, counterparty_type, counterparty_id, counterparty_name, amount,
         currency, memo, actor_type, actor_id, actor_name, request_id, idempotency_key, occurred_at)
      values (${p(id)}, ${p(input.partnerId)}, ${p(input.kind)}, ${p(input.counterparty?.type ?? null)},
        ${p(input.counterparty?.id ?? null)}, ${p(input.counterparty?.name ?? '')},
        ${p(formatMoney(input.amount), 'numeric')}, '${DEFAULT_CURRENCY}', ${p(input.memo ?? '')},
        ${p(principal.type)}, ${p(principal.id)}, ${p(`${principal.accountName}/${principal.userName}`)},
        ${p(ctx.requestId)}, ${p(input.idempotencyKey ?? null)}, ${at})
    ),
    written as (
      insert into ${tableShape(ledgerEntries).name}
        (id, partner_id, transaction_id, account_id, amount, balance_after, occurred_at)
      select s.entry_id, s.partner_id, ${p(id)}, s.account_id, s.amount, s.balance_after, ${at}
      from steps as s
      order by s.ord
    ),
    ${audited}
    verdict as (
      select case
        when not allowed.ok then huoban_refuse('insufficient_balance')
        when (select count(*) from opened) <> (select count(*) from new_accounts)
          then huoban_refuse('missing_account')
        else true end as ok
      from allowed
    )
    select s.ord, s.account_id, s.balance_after::text as balance_after
    from steps as s, verdict
    where verdict.ok
    order by s.ord`;
  return { text, params: statement.params };
}

/**
 * Runs the posting statement. On its own, a statement refused as `missing_account` rolled back
 * entirely; run again, it sees the account that a concurrent move opened after its snapshot.
 */
async function runPosting(
  db: Db,
  text: string,
  params: unknown[],
  inTransaction: boolean,
): Promise<PostingStep[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await executeText<PostingStep>(db, text, params);
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === 'insufficient_balance') throw new ApiError(Errors.INSUFFICIENT_BALANCE);
      if (refusal !== 'missing_account' || inTransaction || attempt === MAX_POSTING_ATTEMPTS) {
        throw error;
      }
    }
  }
}

/** A new account is opened by at most one concurrent move, so a second attempt finds it. */
const MAX_POSTING_ATTEMPTS = 2;

/** One leg as the posting statement answers it. */
interface PostingStep {
  ord: number;
  account_id: string;
  balance_after: string;
}

function sortedKeys(keys: readonly AccountKey[]): AccountKey[] {
  return [...new Map(keys.map((key) => [keyText(key), key])).values()].sort((a, b) =>
    keyText(a) < keyText(b) ? -1 : 1,
  );
}

/**
 * Opens the accounts of `keys` that do not exist yet, in one statement and in key order, before
 * anything is locked: a concurrent opener of the same account makes this wait for its commit, and
 * since no row lock is held yet, such waits cannot close a cycle. A transaction that will post
 * several moves (a batch) opens all their accounts first for the same reason.
 */
export async function openAccounts(tx: Db, keys: readonly AccountKey[], at: Date): Promise<void> {
  if (keys.length === 0) return;
  const timestamp = at.toISOString();
  const rows = sortedKeys(keys).map(
    (key) =>
      sql`(${newId()}, ${key.partnerId}, ${key.ownerType}, ${key.ownerId}, ${key.kind}, ${key.reference ?? ''}, ${DEFAULT_CURRENCY}, ${allowsNegative(key.kind)}, ${timestamp}::timestamptz, ${timestamp}::timestamptz)`,
  );
  await tx.execute(sql`
    insert into ${ledgerAccounts}
      (id, partner_id, owner_type, owner_id, kind, reference, currency, allow_negative,
       created_at, updated_at)
    values ${sql.join(rows, sql`, `)}
    on conflict do nothing`);
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
  // A coupon issue reads its quota's balance first (bench/money): text, not a Drizzle builder.
  const statement = new StatementText();
  const p = (value: unknown) => statement.param(value);
  const [raw] = await executeText<Record<string, unknown>>(
    db,
    `select ${accountRows.selectList} from ${tableShape(ledgerAccounts).name} where partner_id = ${p(key.partnerId)} and owner_type = ${p(key.ownerType)} and owner_id = ${p(key.ownerId)} and kind = ${p(key.kind)} and reference = ${p(key.reference ?? '')} and currency = '${DEFAULT_CURRENCY}'`,
    statement.params,
  );
  return raw ? accountRows.toRow(raw) : null;
}

const accountRows = tableRows(ledgerAccounts);

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
