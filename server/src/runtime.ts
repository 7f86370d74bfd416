import type { FastifyBaseLogger } from 'fastify';
import { buildApp, type App } from './app.ts';
import { loadConfig, type Config } from './platform/config/index.ts';
import { ShiftableClock } from './platform/clock/index.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/index.ts';
import { loadKeyring, type Keyring } from './platform/auth/keyring.ts';
import { createMailer } from './platform/mail/index.ts';
import { installJobQueues, JobRunner } from './platform/jobs/index.ts';
import { loadSigningKey, type SigningKey } from './platform/signing/index.ts';
import { jobDefinitions, jobQueues } from './jobs.ts';
import { agencyDirectory, principalDirectory } from './principals.ts';
import { installModuleHooks } from './hooks.ts';

/** A running installation: configuration, database, key material, clock. The CLI builds one. */
export interface Runtime {
  config: Config;
  database: DatabaseHandle;
  keyring: Keyring;
  clock: ShiftableClock;
  /** Signs binding notifications; its certificate is in the SP metadata. */
  signingKey: SigningKey;
  close(): Promise<void>;
}

/** Opens the configured database and applies pending migrations and job queues. */
export async function openRuntime(overrides: Partial<Config> = {}): Promise<Runtime> {
  installModuleHooks();
  const config = loadConfig(process.env, overrides);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  await installJobQueues(database.db, jobQueues);
  return {
    config,
    database,
    keyring: loadKeyring(config.masterKey, config.dataDir),
    clock: new ShiftableClock(),
    signingKey: await loadSigningKey(config.signingKey, config.dataDir),
    close: () => database.close(),
  };
}

export function buildRuntimeApp(runtime: Runtime, logger: boolean | object = true): Promise<App> {
  return buildApp({
    db: runtime.database.db,
    clock: runtime.clock,
    keyring: runtime.keyring,
    signingKey: runtime.signingKey,
    directory: principalDirectory,
    channels: runtime.database.channels,
    agencies: agencyDirectory,
    mailer: createMailer({ dataDir: runtime.config.dataDir, smtpUrl: runtime.config.smtpUrl }),
    consoleDir: runtime.config.consoleDir,
    logger: logger === true ? { level: runtime.config.logLevel } : logger,
  });
}

/**
 * Starts the background workers in this process (`huoban start`): they poll the queues of
 * `jobQueues` until `stop()`, which waits for attempts in progress.
 */
export async function startJobRunner(runtime: Runtime, log: FastifyBaseLogger): Promise<JobRunner> {
  const runner = new JobRunner(
    { db: runtime.database.db, clock: runtime.clock, log },
    jobDefinitions({ signingKey: runtime.signingKey }),
  );
  await runner.start();
  return runner;
}
