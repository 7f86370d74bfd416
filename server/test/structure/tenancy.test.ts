import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../src/platform/db/index.ts';
import { JOB_SCHEMA } from '../../src/platform/jobs/index.ts';
import { freshDatabase } from '../helpers/database.ts';

/**
 * Tables that are not owned by one tenant. Keep this list short: a new table belongs here only
 * when no partner owns its rows.
 */
const tablesWithoutTenant: Record<string, string> = {
  partners: 'it is the tenant itself; its id is the partner id',
  partner_programs: 'programmes are published by the provider for every partner',
  sign_up_verifications: 'a sign-up exists before its partner does',
  platform_settings: 'operator settings apply to the whole installation',
};

interface ColumnRow {
  table_schema: string;
  table_name: string;
  column_name: string;
  is_nullable: string;
}

describe('tenancy column', () => {
  let database: DatabaseHandle;
  let columns: ColumnRow[];

  beforeAll(async () => {
    database = await freshDatabase();
    // information_schema.tables also lists views; only base tables hold tenant rows. pg-boss's
    // schema is excluded: its queue tables hold jobs of every tenant, and a job carries its
    // partner in its data, checked again by the worker against the domain row it loads.
    const result: unknown = await database.db.execute(sql`
      select c.table_schema, c.table_name, c.column_name, c.is_nullable
      from information_schema.columns c
      join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name
      where t.table_type = 'BASE TABLE'
        and c.table_schema not in ('pg_catalog', 'information_schema', 'drizzle', ${JOB_SCHEMA})
    `);
    // Both drivers (PGlite and node-postgres) answer raw SQL with `{ rows }`.
    columns = (result as { rows: ColumnRow[] }).rows;
  });

  afterAll(async () => {
    await database.close();
  });

  it('finds the migrated tables', () => {
    const tables = new Set(columns.map((column) => column.table_name));
    expect(tables).toContain('partners');
    expect(tables).toContain('members');
  });

  it('gives every tenant-owned table a non-null partner_id', () => {
    const tables = [...new Set(columns.map((c) => `${c.table_schema}.${c.table_name}`))].sort();
    const offenders = tables.filter((qualified) => {
      const [schema, table] = qualified.split('.') as [string, string];
      if (schema === 'public' && table in tablesWithoutTenant) return false;
      const partnerId = columns.find(
        (c) =>
          c.table_schema === schema && c.table_name === table && c.column_name === 'partner_id',
      );
      return partnerId?.is_nullable !== 'NO';
    });
    expect(offenders, 'tables without a NOT NULL partner_id column').toEqual([]);
  });

  it('keeps the allow-list free of tables that no longer exist', () => {
    const tables = new Set(
      columns.filter((c) => c.table_schema === 'public').map((column) => column.table_name),
    );
    expect(Object.keys(tablesWithoutTenant).filter((table) => !tables.has(table))).toEqual([]);
  });
});
