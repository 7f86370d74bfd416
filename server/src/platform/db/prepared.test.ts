import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../test/helpers/database.ts';
import { openDatabase, withTransaction, type DatabaseHandle } from './index.ts';
import { statementName } from './prepared.ts';

describe('statementName', () => {
  it('is stable for a text and differs between texts', () => {
    const text = 'select $1::int as n';
    expect(statementName(text)).toBe(statementName(['select $1::int', 'as n'].join(' ')));
    expect(statementName(text)).not.toBe(statementName('select $1::int as m'));
    expect(statementName(text)).toMatch(/^h[\w-]{27}$/);
  });
});

/** Prepared statements are a node-postgres matter: this part runs on PostgreSQL only. */
const adminUrl = process.env.HUOBAN_TEST_PG_URL;

describe.skipIf(!adminUrl)('prepared statements on PostgreSQL', () => {
  const name = `huoban_test_${randomBytes(6).toString('hex')}`;
  let database: DatabaseHandle;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    // One connection, so every statement below runs in the session whose statements we read.
    database = await openDatabase({ url: withDatabase(adminUrl ?? '', name), poolSize: 1 });
  });

  afterAll(async () => {
    await database.close();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  const preparedStatements = async () => {
    const result: unknown = await database.db.execute(
      sql`select name, statement, generic_plans + custom_plans as runs from pg_prepared_statements`,
    );
    return (result as { rows: { name: string; statement: string; runs: string }[] }).rows;
  };

  it('parses a parameterised statement once and reuses it, with the right results', async () => {
    for (let n = 1; n <= 7; n++) {
      const result: unknown = await database.db.execute(sql`select ${n}::int * 2 as doubled`);
      expect((result as { rows: unknown[] }).rows).toEqual([{ doubled: n * 2 }]);
    }
    const statements = await preparedStatements();
    const doubled = statements.filter((row) => row.statement.includes('doubled'));
    expect(doubled).toHaveLength(1);
    expect(doubled[0]?.name).toBe(statementName(doubled[0]?.statement ?? ''));
    expect(Number(doubled[0]?.runs)).toBe(7);
  });

  it('prepares inside transactions too, and leaves parameterless statements unnamed', async () => {
    await withTransaction(database.db, async (tx) => {
      await tx.execute(sql`select ${'in a transaction'}::text as said`);
      await tx.execute(sql`select 'no parameters' as plain`);
    });
    const statements = await preparedStatements();
    expect(statements.some((row) => row.statement.includes('as said'))).toBe(true);
    expect(statements.some((row) => row.statement.includes('as plain'))).toBe(false);
  });
});
