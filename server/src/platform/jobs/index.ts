import { PGlite } from '@electric-sql/pglite';
import type { FastifyBaseLogger } from 'fastify';
import { Param, sql, type SQL } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import pg from 'pg';
import type { Clock } from '../clock/index.ts';
import type { Db } from '../db/index.ts';

/**
 * Background jobs on pg-boss 10 (ADR 0007): jobs are rows in the application's own database, so a
 * job is enqueued in the same transaction as the business change that causes it and disappears
 * with it on rollback. pg-boss keeps its tables in this schema, apart from the domain tables.
 */
export const JOB_SCHEMA = 'pgboss';

/** A queue and its retry policy; the policy is stored with the queue and applies to every job. */
export interface QueueSpec {
  name: string;
  /** Retries after the first attempt (6 attempts in all for 5). */
  retryLimit: number;
  /** Seconds before the first retry; doubled (with jitter) for each further one when backing off. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** An attempt running longer than this is failed by pg-boss (and retried). */
  expireInSeconds: number;
}

/** What a handler learns about the job it runs. */
export interface JobRun<T> {
  id: string;
  data: T;
  /** 1 for the first attempt. */
  attempt: number;
  /** No retry follows if this attempt fails. */
  isLastAttempt: boolean;
}

/** The environment handlers run in: the application's database (not a transaction) and clock. */
export interface JobEnvironment {
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
}

/** A queue with the code that works it. A handler that throws fails the attempt (retried per spec). */
export interface JobDefinition<T = never> {
  queue: QueueSpec;
  handle(run: JobRun<T>, env: JobEnvironment): Promise<void>;
}

interface QueryResult {
  rows: Record<string, unknown>[];
}

/** pg-boss's database interface. */
export interface JobSqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<QueryResult>;
}

/**
 * pg-boss over the application's own connection(s): the node-postgres pool, or the single
 * embedded PGlite connection Drizzle also uses. pg-boss sends its schema installation as one
 * multi-statement script without parameters; PGlite runs such scripts only through `exec`.
 */
export function executorFor(db: Db): JobSqlExecutor {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof PGlite) {
    return {
      async executeSql(text, values) {
        if (!values || values.length === 0) {
          const results = await client.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        }
        const result = await client.query<Record<string, unknown>>(text, values.map(orNull));
        return { rows: result.rows };
      },
    };
  }
  if (client instanceof pg.Pool) {
    return {
      async executeSql(text, values) {
        const result = await client.query<Record<string, unknown>>(text, values?.map(orNull));
        return { rows: result.rows };
      },
    };
  }
  throw new Error('The job queue needs the root database handle (PGlite or a node-postgres pool)');
}

function orNull(value: unknown): unknown {
  return value === undefined ? null : value;
}

/**
 * pg-boss over an open Drizzle transaction (either driver): its `$n` placeholders become Drizzle
 * parameters, so the statement runs on the transaction's connection and commits or rolls back
 * with it.
 */
function transactionExecutor(tx: Db): JobSqlExecutor {
  return {
    async executeSql(text, values = []) {
      const chunks: SQL[] = [];
      let last = 0;
      for (const match of text.matchAll(/\$(\d+)/g)) {
        chunks.push(sql.raw(text.slice(last, match.index)));
        chunks.push(sql`${new Param(orNull(values[Number(match[1]) - 1]))}`);
        last = match.index + match[0].length;
      }
      chunks.push(sql.raw(text.slice(last)));
      // Both drivers answer raw SQL with `{ rows }`.
      const result: unknown = await tx.execute(sql.join(chunks));
      return { rows: (result as QueryResult).rows };
    },
  };
}

function newBoss(executor: JobSqlExecutor, options: PgBoss.ConstructorOptions = {}): PgBoss {
  return new PgBoss({ ...options, db: executor, schema: JOB_SCHEMA });
}

/**
 * Only builds SQL: sending with a per-call `db` never touches this instance's own executor, so one
 * unstarted instance serves every enqueue.
 */
const sender = newBoss({
  executeSql() {
    return Promise.reject(new Error('enqueueJob runs only on the caller’s transaction'));
  },
});

/**
 * Enqueues a job on the caller's transaction: it becomes visible to workers when the transaction
 * commits and never exists if it rolls back; with `startAfter`, not before that time (a scheduled
 * job). Returns the job id.
 */
export async function enqueueJob(
  tx: Db,
  queue: QueueSpec,
  data: object,
  options: { startAfter?: Date } = {},
): Promise<string> {
  const id = await sender.send(queue.name, data, {
    db: transactionExecutor(tx),
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
  } as PgBoss.SendOptions);
  if (!id) throw new Error(`Job queue ${queue.name} is not installed (run huoban migrate)`);
  return id;
}

function queueOptions(queue: QueueSpec): PgBoss.Queue {
  return {
    name: queue.name,
    retryLimit: queue.retryLimit,
    retryDelay: queue.retryDelaySeconds,
    retryBackoff: queue.retryBackoff,
    expireInSeconds: queue.expireInSeconds,
  };
}

/**
 * Installs or upgrades pg-boss's schema and creates (or updates) the queues; safe to repeat. Runs
 * with the migrations (`huoban migrate`, start, the test template database).
 */
export async function installJobQueues(db: Db, queues: QueueSpec[]): Promise<void> {
  const boss = newBoss(executorFor(db), { migrate: true, supervise: false, schedule: false });
  // No workers or maintenance run here, so every failure rejects one of the calls below; the
  // listener only keeps pg-boss from turning an emitted copy into an uncaught exception.
  boss.on('error', () => undefined);
  await boss.start();
  for (const queue of queues) {
    if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, queueOptions(queue));
    else await boss.createQueue(queue.name, queueOptions(queue));
  }
  await boss.stop({ graceful: false, close: false, wait: true });
}

export interface DrainOptions {
  /** Also run jobs whose retry delay has not passed yet (tests use it instead of sleeping). */
  ignoreDelay?: boolean;
  /** Stop after this many attempts. */
  limit?: number;
}

/** Works the queues of `definitions`: polling workers in the server, `drain` in tests. */
export class JobRunner {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<unknown>>();
  private started = false;

  constructor(
    private readonly env: JobEnvironment,
    definitions: JobDefinition[],
  ) {
    for (const definition of definitions) {
      this.definitions.set(definition.queue.name, definition);
    }
    // Maintenance (expiring stuck attempts, archiving) runs only in a started runner.
    this.boss = newBoss(executorFor(env.db), { migrate: false, supervise: true, schedule: false });
    this.boss.on('error', (error: unknown) => {
      env.log.error({ err: error }, 'job queue error');
    });
  }

  /** Starts one polling worker per queue; the schema must already be installed. */
  async start(pollingIntervalSeconds = 2): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const [name, definition] of this.definitions) {
      await this.boss.work<unknown>(
        name,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds },
        async ([job]) => {
          if (job) await this.runOne(definition, job);
        },
      );
    }
  }

  /** Stops polling and waits for attempts in progress (up to `timeoutMs`). */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs });
  }

  /**
   * Runs due jobs of every queue one by one, in this call, until none is due; returns the number
   * of attempts made. Completion and failure go through pg-boss as in a worker.
   */
  async drain(options: DrainOptions = {}): Promise<number> {
    let attempts = 0;
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    for (let progressed = true; progressed && attempts < limit;) {
      progressed = false;
      for (const [name, definition] of this.definitions) {
        if (attempts >= limit) break;
        const [job] = await this.boss.fetch<unknown>(name, {
          batchSize: 1,
          includeMetadata: true,
          ignoreStartAfter: options.ignoreDelay ?? false,
        });
        if (!job) continue;
        progressed = true;
        attempts += 1;
        try {
          await this.runOne(definition, job);
          await this.boss.complete(name, job.id);
        } catch (error) {
          await this.boss.fail(name, job.id, failureOutput(error));
        }
      }
    }
    return attempts;
  }

  private async runOne(
    definition: JobDefinition<unknown>,
    job: PgBoss.JobWithMetadata<unknown>,
  ): Promise<void> {
    const run: JobRun<unknown> = {
      id: job.id,
      data: job.data,
      attempt: job.retryCount + 1,
      isLastAttempt: job.retryCount >= job.retryLimit,
    };
    try {
      await definition.handle(run, this.env);
    } catch (error) {
      this.env.log.error(
        { err: error, job: job.id, queue: job.name, attempt: run.attempt },
        'job attempt failed',
      );
      throw error;
    }
  }
}

function failureOutput(error: unknown): object {
  return { message: error instanceof Error ? error.message : String(error) };
}
