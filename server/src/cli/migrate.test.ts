import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { jobQueues } from '../jobs.ts';
import { withTransaction } from '../platform/db/index.ts';
import { enqueueJob, JOB_SCHEMA } from '../platform/jobs/index.ts';
import { openRuntime, startJobRunner } from '../runtime.ts';
import { migrateCommand } from './migrate.ts';

describe('huoban migrate and the runtime job workers', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-migrate-'));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('installs pg-boss and every queue, creates the signing key, and works a queue', async () => {
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await migrateCommand(['--data-dir', dataDir])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(existsSync(path.join(dataDir, 'signing-key.pem'))).toBe(true);

    const runtime = await openRuntime({ dataDir, databaseUrl: undefined });
    try {
      const db = runtime.database.db;
      const result: unknown = await db.execute(
        sql`select name from ${sql.identifier(JOB_SCHEMA)}.queue order by name`,
      );
      expect((result as { rows: { name: string }[] }).rows.map((row) => row.name)).toEqual(
        jobQueues.map((queue) => queue.name).sort(),
      );

      // A started runner picks up a job for a row that does not exist and completes it quietly.
      const runner = await startJobRunner(runtime, Fastify().log);
      try {
        const [queue] = jobQueues;
        if (!queue) throw new Error('no job queue is defined');
        const id = await withTransaction(db, (tx) =>
          enqueueJob(tx, queue, { notificationId: 'none', partnerId: 'none' }),
        );
        await expect
          .poll(
            async () => {
              const state: unknown = await db.execute(
                sql`select state::text as state from ${sql.identifier(JOB_SCHEMA)}.job where id = ${id}`,
              );
              return (state as { rows: { state: string }[] }).rows[0]?.state;
            },
            { timeout: 15_000, interval: 200 },
          )
          .toBe('completed');
      } finally {
        await runner.stop();
      }
    } finally {
      await runtime.close();
    }
    // Migrating a fresh on-disk PGlite database takes a while on a busy machine.
  }, 120_000);
});
