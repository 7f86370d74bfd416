import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, type App, type AppDependencies } from '../../src/app.ts';
import { ManualClock } from '../../src/platform/clock/index.ts';
import { Keyring } from '../../src/platform/auth/keyring.ts';
import { createMailer, outboxDir, type Mailer } from '../../src/platform/mail/index.ts';
import type { DatabaseHandle } from '../../src/platform/db/index.ts';
import { agencyDirectory, principalDirectory } from '../../src/principals.ts';
import { JobRunner, type DrainOptions } from '../../src/platform/jobs/index.ts';
import {
  signingKeyFromPem,
  generateSigningKeyPem,
  type SigningKey,
} from '../../src/platform/signing/index.ts';
import { jobDefinitions } from '../../src/jobs.ts';
import { freshDatabase } from './database.ts';

export interface TestApp {
  app: App;
  database: DatabaseHandle;
  clock: ManualClock;
  keyring: Keyring;
  mailer: Mailer;
  /** The platform key notifications are signed with (one per test process). */
  signingKey: SigningKey;
  /**
   * Runs the queued background jobs now, in this call, instead of waiting for workers; with
   * `ignoreDelay` also the retries whose backoff has not elapsed. Returns the attempts made.
   */
  drainJobs(options?: DrainOptions): Promise<number>;
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

let testSigningKey: Promise<SigningKey> | undefined;

/** RSA key generation takes a while; one key serves every app of a test process. */
function sharedSigningKey(): Promise<SigningKey> {
  testSigningKey ??= signingKeyFromPem(generateSigningKeyPem());
  return testSigningKey;
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
  const signingKey = await sharedSigningKey();
  const app = await buildApp({
    db: database.db,
    clock,
    keyring,
    signingKey,
    directory: principalDirectory,
    channels: database.channels,
    agencies: agencyDirectory,
    mailer,
    onRoute: options.onRoute,
  });
  await options.register?.(app);
  await app.ready();
  const jobs = new JobRunner(
    { db: database.db, clock, log: app.log },
    jobDefinitions({ signingKey }),
  );
  return {
    app,
    database,
    clock,
    keyring,
    mailer,
    signingKey,
    drainJobs: (drainOptions) => jobs.drain(drainOptions),
    outbox: outboxDir(dataDir),
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
