import { buildApp, type App } from './app.ts';
import { loadConfig, type Config } from './platform/config/index.ts';
import { ShiftableClock } from './platform/clock/index.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/index.ts';
import { loadKeyring, type Keyring } from './platform/auth/keyring.ts';
import { createMailer } from './platform/mail/index.ts';
import { principalDirectory } from './principals.ts';

/** A running installation: configuration, database, key material, clock. The CLI builds one. */
export interface Runtime {
  config: Config;
  database: DatabaseHandle;
  keyring: Keyring;
  clock: ShiftableClock;
  close(): Promise<void>;
}

/** Opens the configured database and applies pending migrations. */
export async function openRuntime(overrides: Partial<Config> = {}): Promise<Runtime> {
  const config = loadConfig(process.env, overrides);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  return {
    config,
    database,
    keyring: loadKeyring(config.masterKey, config.dataDir),
    clock: new ShiftableClock(),
    close: () => database.close(),
  };
}

export function buildRuntimeApp(runtime: Runtime, logger: boolean | object = true): Promise<App> {
  return buildApp({
    db: runtime.database.db,
    clock: runtime.clock,
    keyring: runtime.keyring,
    directory: principalDirectory,
    mailer: createMailer({ dataDir: runtime.config.dataDir, smtpUrl: runtime.config.smtpUrl }),
    consoleDir: runtime.config.consoleDir,
    logger: logger === true ? { level: runtime.config.logLevel } : logger,
  });
}
