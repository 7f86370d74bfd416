import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import { CasingCache } from 'drizzle-orm/casing';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './index.ts';

/**
 * A statement written as text with numbered parameters. Hot paths (a money move, bench/money)
 * use it where building the statement with Drizzle's `sql` templates cost more CPU than running
 * it: Drizzle walks every chunk of a template on every call, while here the text is plain string
 * concatenation and the same for every call of one shape (so it stays one prepared statement).
 */
export class StatementText {
  readonly params: unknown[] = [];

  /** The placeholder of `value` (`$3`), with a cast when the type is not clear from the text. */
  param(value: unknown, cast?: string): string {
    this.params.push(value);
    const placeholder = `$${String(this.params.length)}`;
    return cast ? `${placeholder}::${cast}` : placeholder;
  }

  /**
   * The single-row insert of `row` into `table`, as Drizzle would write it (column defaults
   * included); `expressions` gives columns whose value is SQL text of this statement instead.
   */
  insert<T extends PgTable>(
    table: T,
    row: T['$inferInsert'],
    expressions: Partial<Record<keyof T['$inferInsert'], string>> = {},
  ): string {
    const shape = tableShape(table);
    const names: string[] = [];
    const values: string[] = [];
    for (const { key, name, column } of shape.columns) {
      const expression = (expressions as Record<string, string | undefined>)[key];
      let value = (row as Record<string, unknown>)[key];
      if (value === undefined && column.defaultFn) value = column.defaultFn();
      if (expression === undefined && value === undefined) continue;
      names.push(name);
      values.push(
        expression ?? (value === null ? 'null' : this.param(column.mapToDriverValue(value))),
      );
    }
    return `insert into ${shape.name} (${names.join(', ')}) values (${values.join(', ')})`;
  }
}

/**
 * A select list of `keys` of `table`, each column named as its key (`"account_name" as
 * "accountName"`), so rows come back in the shape Drizzle's select would give for text columns.
 */
export function selectList<T extends PgTable>(
  table: T,
  keys: readonly (keyof T['$inferSelect'] & string)[],
): string {
  const byKey = new Map(tableShape(table).columns.map((column) => [column.key, column.name]));
  return keys
    .map((key) => {
      const name = byKey.get(key);
      if (!name) throw new Error(`no column ${key} in ${getTableName(table)}`);
      return `${name} as ${quoted(key)}`;
    })
    .join(', ');
}

/**
 * Every column of `table` as a select list, rendered once and qualified with the table's name (so
 * it also serves a join with a table of the same column names), and the mapping of a raw row to
 * the row Drizzle's `select()` would answer (dates, numbers and JSON as Drizzle maps them).
 */
export interface TableRows<T extends PgTable> {
  selectList: string;
  toRow(raw: Record<string, unknown>): T['$inferSelect'];
}

export function tableRows<T extends PgTable>(table: T): TableRows<T> {
  const { name: tableName, columns } = tableShape(table);
  return {
    selectList: columns.map(({ key, name }) => `${tableName}.${name} as ${quoted(key)}`).join(', '),
    toRow(raw) {
      const row: Record<string, unknown> = {};
      for (const { key, column } of columns) {
        const value = raw[key];
        row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
      }
      return row;
    },
  };
}

/** One row to insert into a table, checked against the table's type by `rowInsert`. */
export interface RowInsert {
  table: PgTable;
  row: Record<string, unknown>;
}

export function rowInsert<T extends PgTable>(table: T, row: T['$inferInsert']): RowInsert {
  return { table, row };
}

/** Runs `text` with `params` on `db` (the database or a transaction) and answers its rows. */
export async function executeText<Row>(db: Db, text: string, params: unknown[]): Promise<Row[]> {
  const result: unknown = await db._.session
    .prepareQuery({ sql: text, params }, undefined, undefined, false)
    .execute();
  return (result as { rows: Row[] }).rows;
}

interface TableShape {
  name: string;
  columns: { key: string; name: string; column: Column }[];
}

const casing = new CasingCache('snake_case');
const shapes = new WeakMap<PgTable, TableShape>();

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A table's quoted name and its columns' quoted names, as the application's casing spells them. */
export function tableShape(table: PgTable): TableShape {
  const known = shapes.get(table);
  if (known) return known;
  const shape: TableShape = {
    name: quoted(getTableName(table)),
    columns: Object.entries(getTableColumns(table)).map(([key, column]) => ({
      key,
      name: quoted(casing.getColumnCasing(column)),
      column,
    })),
  };
  shapes.set(table, shape);
  return shape;
}
