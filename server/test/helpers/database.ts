import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/index.ts';

/** Which engine this test run uses: PGlite by default, PostgreSQL when `HUOBAN_TEST_DB=postgres`. */
export const testDriver: 'pglite' | 'postgres' =
  process.env.HUOBAN_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A new, empty, migrated database for one test file: an in-memory PGlite instance, or a freshly
 * created PostgreSQL database (dropped on close). Tests never share state.
 */
export async function freshDatabase(): Promise<DatabaseHandle> {
  if (testDriver === 'pglite') {
    const handle = await openDatabase({});
    await handle.migrate();
    return handle;
  }
  const adminUrl = process.env.HUOBAN_TEST_PG_URL;
  if (!adminUrl) throw new Error('HUOBAN_TEST_DB=postgres needs HUOBAN_TEST_PG_URL');
  const name = `huoban_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const handle = await openDatabase({ url: withDatabase(adminUrl, name), poolSize: 4 });
  await handle.migrate();
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
