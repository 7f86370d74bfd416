import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, type App, type AppDependencies } from '../../src/app.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Keyring } from '../../src/platform/auth/keyring.ts';
import { createMailer, outboxDir, type Mailer } from '../../src/platform/mail/index.ts';
import type { DatabaseHandle } from '../../src/platform/db/index.ts';
import { principalDirectory } from '../../src/principals.ts';
import { freshDatabase } from './database.ts';

export interface TestApp {
  app: App;
  database: DatabaseHandle;
  clock: ManualClock;
  keyring: Keyring;
  mailer: Mailer;
  /** Folder where the app's mail lands as `.eml` files (see test/helpers/mail.ts). */
  outbox: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Called for every route as it is registered (see test/robustness/routes.test.ts). */
  onRoute?: AppDependencies['onRoute'];
  /** Adds test-only routes (e.g. an echo route for signing tests) before the app is sealed. */
  register?: (app: App) => void | Promise<void>;
}

/** The application on a fresh database with a manual clock; build it once per test file. */
export async function buildTestApp(
  start?: Date | string,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  const clock = new ManualClock(start ?? new Date());
  const keyring = new Keyring(Buffer.alloc(32, 7));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-test-'));
  const mailer = createMailer({ dataDir });
  const app = await buildApp({
    db: database.db,
    clock,
    keyring,
    directory: principalDirectory,
    mailer,
    onRoute: options.onRoute,
  });
  await options.register?.(app);
  await app.ready();
  return {
    app,
    database,
    clock,
    keyring,
    mailer,
    outbox: outboxDir(dataDir),
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
