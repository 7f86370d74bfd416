import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Directory of the embedded database, the master key file and the mail outbox. */
  dataDir: string;
  /** PostgreSQL URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  /** Hex or base64 32-byte key that encrypts secret keys at rest; generated in `dataDir` if absent. */
  masterKey: string | undefined;
  /** PEM RSA private key that signs binding notifications; generated in `dataDir` if absent. */
  signingKey: string | undefined;
  logLevel: string;
  /** `smtp://…` URL of the outgoing mail server; without it mail goes to `<dataDir>/outbox`. */
  smtpUrl: string | undefined;
  /** Built console to serve on `/`, if present. */
  consoleDir: string;
}

const repositoryRoot = path.resolve(import.meta.dirname, '../../../..');

/** Reads the configuration from the environment; explicit options (CLI flags) win. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Config> = {},
): Config {
  const port = Number.parseInt(env.HUOBAN_PORT ?? '8080', 10);
  return {
    port: Number.isFinite(port) ? port : 8080,
    host: env.HUOBAN_HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.HUOBAN_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    masterKey: env.HUOBAN_MASTER_KEY || undefined,
    signingKey: env.HUOBAN_SIGNING_KEY || undefined,
    logLevel: env.HUOBAN_LOG_LEVEL ?? 'info',
    smtpUrl: env.HUOBAN_SMTP_URL || undefined,
    consoleDir: env.HUOBAN_CONSOLE_DIR ?? path.join(repositoryRoot, 'console', 'dist'),
    ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)),
  };
}
