import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { PostgresChannels, type Channels } from './channels.ts';
import { PreparingClient } from './prepared.ts';

export type { ChannelEvent, ChannelListener, Channels } from './channels.ts';

/**
 * What services query through: the database or an open transaction. Both drivers (PGlite and
 * node-postgres) produce a `PgDatabase`, and a Drizzle transaction is one too, so domain code
 * never knows which driver or whether it runs inside a transaction.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface DatabaseHandle {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** LISTEN/NOTIFY: change signals the database's triggers send (principal caches use them). */
  channels: Channels;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(import.meta.dirname, '../../../migrations');

export interface OpenDatabaseOptions {
  /** A `postgres://` URL; without it the embedded PGlite database is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; `undefined` means in memory. */
  dataDir?: string | undefined;
  /** Connections in the node-postgres pool. */
  poolSize?: number;
  /** A PGlite data-directory dump to start from instead of an empty cluster (test templates). */
  pgliteSnapshot?: Blob | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const channels = new PostgresChannels(options.url);
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      Client: PreparingClient,
      // pg-pool awaits the hook's promise before the connection serves; @types/pg says void.
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      onConnect: channels.onConnect,
    });
    channels.watch(pool);
    // An idle connection can be cut by the server (restart, failover, an administrator's
    // terminate). node-postgres then drops it from the pool and the next query opens a new one;
    // without a listener the 'error' event would instead crash the process.
    pool.on('error', () => undefined);
    const db = drizzlePg({ client: pool, casing: 'snake_case' }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      channels,
      migrate: () => migratePg(drizzlePg({ client: pool }), { migrationsFolder }),
      close: async () => {
        await channels.close();
        await pool.end();
      },
    };
  }
  // PGlite ships contrib extensions as modules loaded at start; the migrations create pg_trgm
  // (trigram indexes for the fuzzy customer filters), so it must be available on every start.
  const extensions = { pg_trgm };
  let client: PGlite;
  if (options.dataDir) {
    const dir = path.join(options.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    client = await PGlite.create(dir, { extensions });
  } else {
    client = await PGlite.create(
      options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot, extensions } : { extensions },
    );
  }
  const db = drizzlePglite({ client, casing: 'snake_case' }) as unknown as Db;
  // One in-process connection: a commit's notifications reach the listeners before it returns.
  const channels: Channels = {
    async listen(channel, listener) {
      const unlisten = await client.listen(channel, () => listener('notified'));
      listener('resumed');
      return () => unlisten();
    },
  };
  return {
    db,
    driver: 'pglite',
    channels,
    migrate: () => migratePglite(drizzlePglite({ client }), { migrationsFolder }),
    close: () => client.close(),
  };
}

/**
 * Runs `work` in one transaction: everything it writes (domain rows, ledger, audit) commits
 * together or not at all. Nested calls reuse the outer transaction through a savepoint.
 */
export function withTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Db));
}

/**
 * Runs one item of a batch so that its failure undoes only its own writes: in a transaction,
 * under a savepoint; on the database itself, `work` is one statement, atomic by itself.
 */
export function batchItem<T>(db: Db, work: (db: Db) => Promise<T>): Promise<T> {
  return isTransaction(db) ? withTransaction(db, work) : work(db);
}

/** True when `db` is an open transaction rather than the database itself. */
export function isTransaction(db: Db): boolean {
  return db instanceof PgTransaction;
}

/** The error itself and the driver's error Drizzle wraps in it as the `cause`. */
function errorAndCause(error: unknown): unknown[] {
  return [error, (error as { cause?: unknown } | null)?.cause];
}

function ownSqlState(candidate: unknown): string | undefined {
  const code = (candidate as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** The SQLSTATE of a database error, also when Drizzle wraps it as the `cause`. */
export function sqlStateOf(error: unknown): string | undefined {
  return errorAndCause(error)
    .map(ownSqlState)
    .find((code) => code !== undefined);
}

/** SQLSTATE of `huoban_refuse(reason)` (migration 0024): a statement refused to write. */
const REFUSAL_SQLSTATE = 'HBREF';

/** The reason a statement gave to `huoban_refuse`, or undefined for any other error. */
export function refusalOf(error: unknown): string | undefined {
  const refusal = errorAndCause(error).find(
    (candidate) => ownSqlState(candidate) === REFUSAL_SQLSTATE,
  );
  return refusal === undefined ? undefined : String((refusal as { message?: unknown }).message);
}
