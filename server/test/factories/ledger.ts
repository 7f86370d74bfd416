import { newId } from '../../src/platform/ids/index.ts';
import type { Db } from '../../src/platform/db/index.ts';
import {
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
} from '../../src/modules/accounts/schema.ts';

export const LEDGER_TEST_TIME = new Date('2026-03-10T02:00:00Z');

/**
 * A consistent little ledger written straight to the tables (no rules): a 100.00 top-up of a
 * partner, then a balanced 25.00 move to a customer. Returns the two accounts and the move.
 */
export async function writeLedgerMove(
  db: Db,
): Promise<{ from: string; to: string; transactionId: string }> {
  const partnerId = newId();
  const [from, to] = [newId(), newId()];
  await db.insert(ledgerAccounts).values([
    {
      id: from,
      partnerId,
      ownerType: 'partner',
      ownerId: partnerId,
      kind: 'cash',
      balance: '75.00',
      createdAt: LEDGER_TEST_TIME,
      updatedAt: LEDGER_TEST_TIME,
    },
    {
      id: to,
      partnerId,
      ownerType: 'customer',
      ownerId: newId(),
      kind: 'cash',
      balance: '25.00',
      createdAt: LEDGER_TEST_TIME,
      updatedAt: LEDGER_TEST_TIME,
    },
  ]);
  const transactionId = `AD${newId()}`;
  await db.insert(ledgerTransactions).values({
    id: transactionId,
    partnerId,
    kind: 'customer_allocate',
    amount: '25.00',
    actorType: 'member',
    actorId: 'test',
    actorName: 'test',
    requestId: 'test',
    occurredAt: LEDGER_TEST_TIME,
  });
  // The source account starts LEDGER_TEST_TIME 100.00 from an earlier, balanced top-up.
  const topUpId = `RC${newId()}`;
  const funding = newId();
  await db.insert(ledgerAccounts).values({
    id: funding,
    partnerId,
    ownerType: 'provider',
    ownerId: partnerId,
    kind: 'funding',
    balance: '-100.00',
    allowNegative: true,
    createdAt: LEDGER_TEST_TIME,
    updatedAt: LEDGER_TEST_TIME,
  });
  await db.insert(ledgerTransactions).values({
    id: topUpId,
    partnerId,
    kind: 'top_up',
    amount: '100.00',
    actorType: 'member',
    actorId: 'test',
    actorName: 'test',
    requestId: 'test',
    occurredAt: LEDGER_TEST_TIME,
  });
  await db.insert(ledgerEntries).values([
    {
      id: newId(),
      partnerId,
      transactionId: topUpId,
      accountId: funding,
      amount: '-100.00',
      balanceAfter: '-100.00',
      occurredAt: LEDGER_TEST_TIME,
    },
    {
      id: newId(),
      partnerId,
      transactionId: topUpId,
      accountId: from,
      amount: '100.00',
      balanceAfter: '100.00',
      occurredAt: LEDGER_TEST_TIME,
    },
    {
      id: newId(),
      partnerId,
      transactionId,
      accountId: from,
      amount: '-25.00',
      balanceAfter: '75.00',
      occurredAt: LEDGER_TEST_TIME,
    },
    {
      id: newId(),
      partnerId,
      transactionId,
      accountId: to,
      amount: '25.00',
      balanceAfter: '25.00',
      occurredAt: LEDGER_TEST_TIME,
    },
  ]);
  return { from, to, transactionId };
}
