import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { freshDatabase } from '../../../test/helpers/database.ts';
import { ManualClock } from '../clock/index.ts';
import { withTransaction, type DatabaseHandle } from '../db/index.ts';
import {
  enqueueJob,
  installJobQueues,
  JOB_SCHEMA,
  JobRunner,
  type JobEnvironment,
  type JobRun,
  type QueueSpec,
} from './index.ts';

const queue: QueueSpec = {
  name: 'test-echo',
  retryLimit: 3,
  retryDelaySeconds: 10,
  retryBackoff: true,
  expireInSeconds: 30,
};

interface Echo {
  word: string;
}

interface JobRow {
  state: string;
  retry_count: number;
  delay_seconds: number;
}

describe('job queue (pg-boss on the application database)', () => {
  let database: DatabaseHandle;
  let env: JobEnvironment;
  let runner: JobRunner;
  const runs: JobRun<Echo>[] = [];
  let failuresLeft = 0;

  async function jobRows(): Promise<JobRow[]> {
    const result: unknown = await database.db.execute(sql`
      select state::text as state, retry_count,
        extract(epoch from (start_after - now()))::float as delay_seconds
      from ${sql.identifier(JOB_SCHEMA)}.job where name = ${queue.name} order by created_on
    `);
    return (result as { rows: JobRow[] }).rows;
  }

  beforeAll(async () => {
    database = await freshDatabase();
    await installJobQueues(database.db, [queue]);
    env = { db: database.db, clock: new ManualClock(new Date()), log: Fastify().log };
    runner = new JobRunner(env, [
      {
        queue,
        handle(run: JobRun<Echo>) {
          runs.push(run);
          if (failuresLeft > 0) {
            failuresLeft -= 1;
            return Promise.reject(new Error('receiver down'));
          }
          return Promise.resolve();
        },
      },
    ]);
  });

  afterAll(async () => {
    await runner.stop();
    await database.close();
  });

  beforeEach(async () => {
    runs.length = 0;
    failuresLeft = 0;
    await database.db.execute(
      sql`delete from ${sql.identifier(JOB_SCHEMA)}.job where name = ${queue.name}`,
    );
  });

  it('installs idempotently: a second install keeps the queue and its policy', async () => {
    await installJobQueues(database.db, [queue]);
    const result: unknown = await database.db.execute(
      sql`select retry_limit, retry_delay, retry_backoff from ${sql.identifier(JOB_SCHEMA)}.queue where name = ${queue.name}`,
    );
    type QueueRow = { retry_limit: number; retry_delay: number; retry_backoff: boolean };
    expect((result as { rows: QueueRow[] }).rows).toEqual([
      { retry_limit: 3, retry_delay: 10, retry_backoff: true },
    ]);
  });

  it('runs a job enqueued in a committed transaction, once', async () => {
    await withTransaction(database.db, async (tx) => {
      await enqueueJob(tx, queue, { word: 'committed' });
    });
    expect(await runner.drain()).toBe(1);
    expect(runs.map((run) => [run.data.word, run.attempt])).toEqual([['committed', 1]]);
    expect(await runner.drain()).toBe(0);
    expect((await jobRows()).map((row) => row.state)).toEqual(['completed']);
  });

  it('enqueues nothing when the transaction rolls back', async () => {
    await expect(
      withTransaction(database.db, async (tx) => {
        await enqueueJob(tx, queue, { word: 'rolled back' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await jobRows()).toEqual([]);
    expect(await runner.drain({ ignoreDelay: true })).toBe(0);
    expect(runs).toEqual([]);
  });

  it('retries a failing job with exponential backoff, then completes it', async () => {
    failuresLeft = 2;
    await withTransaction(database.db, async (tx) => {
      await enqueueJob(tx, queue, { word: 'flaky' });
    });

    expect(await runner.drain()).toBe(1);
    let [row] = await jobRows();
    // First retry after retryDelay to twice it (pg-boss adds up to 100 % jitter).
    expect(row?.state).toBe('retry');
    expect(row?.delay_seconds).toBeGreaterThan(9);
    expect(row?.delay_seconds).toBeLessThanOrEqual(20);
    // Not due yet: a plain drain leaves it waiting.
    expect(await runner.drain()).toBe(0);

    expect(await runner.drain({ ignoreDelay: true, limit: 1 })).toBe(1);
    [row] = await jobRows();
    expect(row?.state).toBe('retry');
    expect(row?.retry_count).toBe(1);
    expect(row?.delay_seconds).toBeGreaterThan(19);
    expect(row?.delay_seconds).toBeLessThanOrEqual(40);

    expect(await runner.drain({ ignoreDelay: true })).toBe(1);
    [row] = await jobRows();
    expect(row?.state).toBe('completed');
    expect(runs.map((run) => [run.attempt, run.isLastAttempt])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);
  });

  it('fails a job for good after its last attempt', async () => {
    failuresLeft = 10;
    await withTransaction(database.db, async (tx) => {
      await enqueueJob(tx, queue, { word: 'hopeless' });
    });
    expect(await runner.drain({ ignoreDelay: true })).toBe(4);
    expect((await jobRows()).map((row) => row.state)).toEqual(['failed']);
    expect(runs.at(-1)?.isLastAttempt).toBe(true);
    expect(await runner.drain({ ignoreDelay: true })).toBe(0);
  });

  it('works the queue with polling workers and stops them cleanly', async () => {
    const worker = new JobRunner(env, [
      {
        queue,
        handle(run: JobRun<Echo>) {
          runs.push(run);
          return Promise.resolve();
        },
      },
    ]);
    await worker.start(0.5);
    await withTransaction(database.db, async (tx) => {
      await enqueueJob(tx, queue, { word: 'polled' });
    });
    // The worker polls on its own timer; wait for the outcome rather than for a fixed time.
    await expect
      .poll(async () => (await jobRows()).map((row) => row.state), { timeout: 10_000 })
      .toEqual(['completed']);
    expect(runs.map((run) => run.data.word)).toEqual(['polled']);
    await worker.stop();
  });
});
