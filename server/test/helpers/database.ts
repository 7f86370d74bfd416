import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/index.ts';
import { installJobQueues } from '../../src/platform/jobs/index.ts';
import { jobQueues } from '../../src/jobs.ts';

/** Which engine this test run uses: PGlite by default, PostgreSQL when `HUOBAN_TEST_DB=postgres`. */
export const testDriver: 'pglite' | 'postgres' =
  process.env.HUOBAN_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Migrations plus pg-boss's schema and the application's queues, as `huoban migrate` installs
 * them; both steps are no-ops on a copy of an up-to-date template.
 */
export async function migrateTestDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.migrate();
  await installJobQueues(handle.db, jobQueues);
}

/**
 * A new, empty, migrated database for one test file: an in-memory PGlite instance, or a freshly
 * created PostgreSQL database (dropped on close). Tests never share state.
 */
export async function freshDatabase(): Promise<DatabaseHandle> {
  if (testDriver === 'pglite') {
    const template = inject('pgliteTemplateFile');
    const pgliteSnapshot = template ? new Blob([readFileSync(template)]) : undefined;
    const handle = await openDatabase({ pgliteSnapshot });
    await migrateTestDatabase(handle);
    return handle;
  }
  const adminUrl = process.env.HUOBAN_TEST_PG_URL;
  if (!adminUrl) throw new Error('HUOBAN_TEST_DB=postgres needs HUOBAN_TEST_PG_URL');
  const name = `huoban_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const template = inject('postgresTemplateDatabase');
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const handle = await openDatabase({ url: withDatabase(adminUrl, name), poolSize: 4 });
  await migrateTestDatabase(handle);
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
