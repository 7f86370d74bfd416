import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids/index.ts';
import { freshDatabase } from '../../../test/helpers/database.ts';
import { LEDGER_TEST_TIME, writeLedgerMove } from '../../../test/factories/ledger.ts';
import { verifyLedger } from './index.ts';
import { ledgerAccounts, ledgerEntries } from './schema.ts';

describe('verifyLedger', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('reports a balance that is not the sum of its entries, and an unbalanced transaction', async () => {
    const db = database.db;
    const move = await writeLedgerMove(db);
    expect((await verifyLedger(db)).differences).toEqual([]);

    await db
      .update(ledgerAccounts)
      .set({ balance: '75.01' })
      .where(eq(ledgerAccounts.id, move.from));
    await db.insert(ledgerEntries).values({
      id: newId(),
      partnerId: 'p',
      transactionId: move.transactionId,
      accountId: move.to,
      amount: '0.01',
      balanceAfter: '25.01',
      occurredAt: LEDGER_TEST_TIME,
    });
    const result = await verifyLedger(db);
    expect(result.differences).toHaveLength(3);
    expect(result.differences).toEqual(
      expect.arrayContaining([
        { type: 'balance', accountId: move.from, stored: '75.01', computed: '75.00' },
        { type: 'balance', accountId: move.to, stored: '25.00', computed: '25.01' },
        { type: 'unbalanced_transaction', transactionId: move.transactionId, sum: '0.01' },
      ]),
    );
  });
});
