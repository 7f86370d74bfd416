import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/index.ts';
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from '../schema.ts';

/** One way the stored ledger disagrees with itself. */
export type LedgerDifference =
  | { type: 'balance'; accountId: string; stored: string; computed: string }
  | { type: 'unbalanced_transaction'; transactionId: string; sum: string }
  | { type: 'negative_balance'; accountId: string; balance: string };

export interface LedgerVerification {
  accounts: number;
  transactions: number;
  differences: LedgerDifference[];
}

interface Row {
  [column: string]: unknown;
}

async function rows(db: Db, query: ReturnType<typeof sql>): Promise<Row[]> {
  // Both drivers (PGlite and node-postgres) answer raw SQL with `{ rows }`.
  const result: unknown = await db.execute(query);
  return (result as { rows: Row[] }).rows;
}

/**
 * Recomputes every balance from the entries and checks every transaction sums to zero and no
 * account that may not go negative is below zero. This is the operator's whole-installation
 * check (`huoban ledger verify`), so it deliberately reads across all tenants.
 */
export async function verifyLedger(db: Db): Promise<LedgerVerification> {
  const differences: LedgerDifference[] = [];
  for (const row of await rows(
    db,
    sql`select a.id as account_id, a.balance::text as stored,
               coalesce(e.total, 0)::text as computed
        from ${ledgerAccounts} a
        left join (select account_id, sum(amount) as total from ${ledgerEntries} group by account_id) e
          on e.account_id = a.id
        where a.balance <> coalesce(e.total, 0)
        order by a.id`,
  )) {
    differences.push({
      type: 'balance',
      accountId: String(row.account_id),
      stored: String(row.stored),
      computed: String(row.computed),
    });
  }
  for (const row of await rows(
    db,
    sql`select t.id as transaction_id, coalesce(sum(e.amount), 0)::text as total,
               count(e.id) as legs
        from ${ledgerTransactions} t
        left join ${ledgerEntries} e on e.transaction_id = t.id
        group by t.id
        having coalesce(sum(e.amount), 0) <> 0 or count(e.id) < 2
        order by t.id`,
  )) {
    differences.push({
      type: 'unbalanced_transaction',
      transactionId: String(row.transaction_id),
      sum: String(row.total),
    });
  }
  for (const row of await rows(
    db,
    sql`select id, balance::text as balance from ${ledgerAccounts}
        where not allow_negative and balance < 0 order by id`,
  )) {
    differences.push({
      type: 'negative_balance',
      accountId: String(row.id),
      balance: String(row.balance),
    });
  }
  const [counts] = await rows(
    db,
    sql`select (select count(*) from ${ledgerAccounts}) as accounts,
               (select count(*) from ${ledgerTransactions}) as transactions`,
  );
  return {
    accounts: Number(counts?.accounts ?? 0),
    transactions: Number(counts?.transactions ?? 0),
    differences,
  };
}
