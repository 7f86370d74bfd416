import { print, printError } from './cli/args.ts';

const usage = `Usage: huoban <command> [options]

Commands:
  start [--port 8080] [--data-dir ./data] [--demo]   migrate, optionally seed demo data, serve API + console
  migrate [--data-dir D]                              apply database migrations
  init --account-name N --password P [--email E]      create the provider operator account
  seed --demo [--json] [--data-dir D]                 create the demo partners and print their logins and AK/SK
  keys create --account-name N [--user-name U]        create an access key (AK/SK) for a user
  ledger verify [--data-dir D]                        recompute every balance from the ledger; exit 1 on any difference

Environment: DATABASE_URL (PostgreSQL instead of the embedded PGlite), HUOBAN_PORT, HUOBAN_DATA_DIR,
HUOBAN_MASTER_KEY (32-byte key for secrets at rest; generated in the data dir when absent),
HUOBAN_SIGNING_KEY (PEM RSA key signing binding notifications; generated in the data dir when absent).`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./cli/start.ts')).startCommand,
  migrate: async () => (await import('./cli/migrate.ts')).migrateCommand,
  init: async () => (await import('./cli/init.ts')).initCommand,
  seed: async () => (await import('./cli/seed.ts')).seedCommand,
  keys: async () => (await import('./cli/keys.ts')).keysCommand,
  ledger: async () => (await import('./cli/ledger.ts')).ledgerCommand,
};

/** The `huoban` command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    print(usage);
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    printError(`Unknown command '${name}'.\n\n${usage}`);
    return 1;
  }
  try {
    return await (
      await load()
    )(rest);
  } catch (error) {
    printError(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
