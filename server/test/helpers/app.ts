import { buildApp, type App } from '../../src/app.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Keyring } from '../../src/platform/auth/keyring.ts';
import type { DatabaseHandle } from '../../src/platform/db/index.ts';
import { accountDirectory } from '../../src/modules/partners/index.ts';
import { freshDatabase } from './database.ts';

export interface TestApp {
  app: App;
  database: DatabaseHandle;
  clock: ManualClock;
  keyring: Keyring;
  close(): Promise<void>;
}

/** The application on a fresh database with a manual clock; build it once per test file. */
export async function buildTestApp(start?: Date | string): Promise<TestApp> {
  const database = await freshDatabase();
  const clock = new ManualClock(start ?? new Date());
  const keyring = new Keyring(Buffer.alloc(32, 7));
  const app = await buildApp({ db: database.db, clock, keyring, directory: accountDirectory });
  await app.ready();
  return {
    app,
    database,
    clock,
    keyring,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
