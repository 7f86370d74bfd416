import { sql } from 'drizzle-orm';
import { jsonb, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/helpers/database.ts';
import {
  batchItem,
  isTransaction,
  refusalOf,
  withTransaction,
  type DatabaseHandle,
} from './index.ts';
import { executeText, rowInsert, selectList, StatementText, tableShape } from './statement.ts';

const notes = pgTable('statement_test_notes', {
  id: varchar({ length: 32 }).primaryKey(),
  authorName: varchar({ length: 64 }).notNull(),
  kind: varchar({ length: 16 })
    .notNull()
    .$defaultFn(() => 'plain'),
  details: jsonb().$type<{ tags: string[] }>(),
  writtenAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
});

describe('StatementText and executeText', () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await freshDatabase();
    await database.db.execute(
      sql.raw(`create table statement_test_notes (
        id varchar(32) primary key, author_name varchar(64) not null, kind varchar(16) not null,
        details jsonb, written_at timestamptz not null)`),
    );
  });

  afterAll(async () => {
    await database.close();
  });

  it('inserts a row with the casing, the defaults and the driver values Drizzle would use', async () => {
    const statement = new StatementText();
    const text = statement.insert(notes, {
      id: 'n1',
      authorName: 'Li Lei',
      details: { tags: ['a', 'b'] },
      writtenAt: new Date('2026-11-22T08:00:00Z'),
    });
    expect(text).toBe(
      'insert into "statement_test_notes" ("id", "author_name", "kind", "details", "written_at") values ($1, $2, $3, $4, $5)',
    );
    await executeText(database.db, text, statement.params);
    const [stored] = await database.db.select().from(notes);
    expect(stored).toEqual({
      id: 'n1',
      authorName: 'Li Lei',
      kind: 'plain',
      details: { tags: ['a', 'b'] },
      writtenAt: new Date('2026-11-22T08:00:00Z'),
    });
  });

  it('writes SQL expressions for the columns it is given them for, and null as null', async () => {
    const statement = new StatementText();
    const text = statement.insert(
      notes,
      { id: 'n2', authorName: 'x', details: null, writtenAt: new Date() },
      { authorName: `upper(${statement.param('han meimei')})` },
    );
    await executeText(database.db, text, statement.params);
    const rows = await executeText<{ authorName: string; details: unknown }>(
      database.db,
      `select ${selectList(notes, ['authorName', 'details'])} from ${tableShape(notes).name} where id = $1`,
      ['n2'],
    );
    expect(rows).toEqual([{ authorName: 'HAN MEIMEI', details: null }]);
  });

  it('numbers parameters in call order and casts where asked', () => {
    const statement = new StatementText();
    expect(statement.param(1, 'int')).toBe('$1::int');
    expect(statement.param('x')).toBe('$2');
    expect(statement.params).toEqual([1, 'x']);
  });

  it('refuses an unknown column in a select list', () => {
    expect(() => selectList(notes, ['nope' as 'id'])).toThrow(/no column nope/);
  });

  it('runs inside a transaction, which rolls back with it', async () => {
    await expect(
      withTransaction(database.db, async (tx) => {
        expect(isTransaction(tx)).toBe(true);
        const statement = new StatementText();
        await executeText(
          tx,
          statement.insert(notes, { id: 'n3', authorName: 'y', writtenAt: new Date() }),
          statement.params,
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(isTransaction(database.db)).toBe(false);
    const rows = await executeText(
      database.db,
      `select id from statement_test_notes where id = 'n3'`,
      [],
    );
    expect(rows).toEqual([]);
  });

  it('reads the reason of huoban_refuse and nothing from other errors', async () => {
    const refused = await executeText(database.db, `select huoban_refuse('no_room')`, []).catch(
      (error: unknown) => error,
    );
    expect(refusalOf(refused)).toBe('no_room');
    const failed = await executeText(database.db, 'select 1/0', []).catch(
      (error: unknown) => error,
    );
    expect(refusalOf(failed)).toBeUndefined();
  });

  it('batchItem undoes only the failed item inside a transaction', async () => {
    await withTransaction(database.db, async (tx) => {
      const insertNote = (id: string) => (db: typeof tx) => {
        const statement = new StatementText();
        const row = rowInsert(notes, { id, authorName: 'z', writtenAt: new Date() });
        return executeText(db, statement.insert(row.table, row.row), statement.params);
      };
      await batchItem(tx, insertNote('n4'));
      await expect(batchItem(tx, insertNote('n4'))).rejects.toThrow();
      await batchItem(tx, insertNote('n5'));
    });
    const rows = await executeText<{ id: string }>(
      database.db,
      `select id from statement_test_notes where id in ('n4', 'n5') order by id`,
      [],
    );
    expect(rows.map((row) => row.id)).toEqual(['n4', 'n5']);
  });
});
