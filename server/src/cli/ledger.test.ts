import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ledgerAccounts } from '../modules/accounts/schema.ts';
import { openRuntime } from '../runtime.ts';
import { writeLedgerMove } from '../../test/factories/ledger.ts';
import { ledgerCommand } from './ledger.ts';

describe('huoban ledger verify', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-ledger-'));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function verifyOutput(): Promise<{ code: number; output: string }> {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const code = await ledgerCommand(['verify', '--data-dir', dataDir]);
      return { code, output: lines.join('') };
    } finally {
      spy.mockRestore();
    }
  }

  it('exits 0 on a consistent ledger and 1 with each difference printed', async () => {
    const runtime = await openRuntime({ dataDir, databaseUrl: undefined });
    let move: Awaited<ReturnType<typeof writeLedgerMove>>;
    try {
      move = await writeLedgerMove(runtime.database.db);
    } finally {
      await runtime.close();
    }
    const clean = await verifyOutput();
    expect(clean.code).toBe(0);
    expect(clean.output).toContain('3 accounts, 2 transactions, 0 differences');

    const again = await openRuntime({ dataDir, databaseUrl: undefined });
    try {
      await again.database.db
        .update(ledgerAccounts)
        .set({ balance: '0.00' })
        .where(eq(ledgerAccounts.id, move.to));
    } finally {
      await again.close();
    }
    const broken = await verifyOutput();
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`account ${move.to}: balance 0.00, entries sum to 25.00`);
    expect(broken.output).toContain('1 differences');
  });

  it('explains its usage', async () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await ledgerCommand(['check'])).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});
