import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testDriver } from '../helpers/database.ts';
import { buildOrganisation } from '../factories/org.ts';
import { members } from '../../src/modules/org/schema.ts';
import { PRINCIPALS_CHANNEL } from '../../src/platform/auth/principal-cache.ts';
import type { ChannelEvent } from '../../src/platform/db/channels.ts';
import { withTransaction, type DatabaseHandle } from '../../src/platform/db/index.ts';

describe(`database change channels (${testDriver})`, () => {
  let database: DatabaseHandle;
  const heard: ChannelEvent[] = [];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    database = await freshDatabase();
    stop = await database.channels.listen(PRINCIPALS_CHANNEL, (event) => heard.push(event));
  });

  afterAll(async () => {
    await stop();
    await database.close();
  });

  const notifications = () => heard.filter((event) => event === 'notified').length;

  it('says delivery works as soon as listening starts', () => {
    expect(heard[0]).toBe('resumed');
  });

  /** Waits until no more notifications arrive (another connection may deliver one late). */
  async function settled(): Promise<number> {
    let seen = -1;
    while (seen !== notifications()) {
      seen = notifications();
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return seen;
  }

  it('hears a change this process commits before the commit returns', async () => {
    const org = await buildOrganisation(database.db);
    const before = await settled();
    await database.db
      .update(members)
      .set({ displayName: 'Renamed' })
      .where(sql`${members.id} = ${org.owner.id}`);
    // No waiting: the next request after a commit must already see the cache dropped.
    expect(notifications()).toBeGreaterThan(before);

    const beforeTransaction = await settled();
    await withTransaction(database.db, async (tx) => {
      await tx
        .update(members)
        .set({ displayName: 'Renamed again' })
        .where(sql`${members.id} = ${org.owner.id}`);
      await tx
        .update(members)
        .set({ displayName: 'Renamed once more' })
        .where(sql`${members.id} = ${org.owner.id}`);
    });
    expect(notifications()).toBeGreaterThan(beforeTransaction);
  });

  it('hears nothing of a rolled-back change or of tables principals are not built from', async () => {
    const org = await buildOrganisation(database.db);
    const before = await settled();
    await expect(
      withTransaction(database.db, async (tx) => {
        await tx
          .update(members)
          .set({ displayName: 'Never' })
          .where(sql`${members.id} = ${org.owner.id}`);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await database.db.execute(sql`update customers set label = label where false`);
    expect(await settled()).toBe(before);
  });

  it.skipIf(testDriver !== 'postgres')(
    'hears a change another process commits (PostgreSQL only: an embedded PGlite has no other process)',
    async () => {
      const org = await buildOrganisation(database.db);
      const before = notifications();
      const pool = (database.db as unknown as { $client: pg.Pool }).$client;
      const other = new pg.Client({ connectionString: pool.options.connectionString });
      await other.connect();
      await other.query('update members set display_name = $1 where id = $2', [
        'From the CLI',
        org.owner.id,
      ]);
      await other.end();
      await expect.poll(notifications, { timeout: 2000 }).toBeGreaterThan(before);
    },
  );
});
