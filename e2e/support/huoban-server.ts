import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory seeded with the demo data once per run, copied by every server. */
    demoTemplate: DemoTemplate;
  }
}

const run = promisify(execFile);

export const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repositoryRoot, 'server', 'bin', 'huoban.js');

/** One demo login as `huoban seed --demo --json` prints it. */
export interface DemoAccount {
  type: string;
  account_name: string;
  domain_id: string;
  password: string;
  access_key: string;
  secret_key: string;
  xaccount_type: string;
}

/** The demo customer that signs in to the customer portal (`customer_login` of the seed). */
export interface DemoCustomerLogin {
  account_name: string;
  password: string;
}

export interface RunningServer {
  baseUrl: string;
  accounts: DemoAccount[];
  customerLogin: DemoCustomerLogin;
  /** The server's data directory; without SMTP its mail lands in `<dataDir>/outbox`. */
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Builds the console once, when no build exists yet (the server serves console/dist). */
export async function ensureConsoleBuilt(): Promise<void> {
  if (existsSync(path.join(repositoryRoot, 'console', 'dist', 'index.html'))) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await run(npm, ['run', 'build', '-w', 'console'], {
    cwd: repositoryRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(
  url: string,
  server: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`huoban start exited early:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become healthy in time:\n${output()}`);
}

/** A seeded data directory and what the seed printed about it. */
export interface DemoTemplate {
  dataDir: string;
  accounts: DemoAccount[];
  customerLogin: DemoCustomerLogin;
}

/**
 * Seeds the demo data into a new data directory (`huoban seed --demo --json`). The browser
 * tests' global setup runs it once; each server starts on a copy (seeding takes far longer).
 */
export async function seedDemoTemplate(): Promise<DemoTemplate> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-e2e-template-'));
  const seeded = await run(
    process.execPath,
    [cli, 'seed', '--demo', '--json', '--data-dir', dataDir],
    {
      cwd: repositoryRoot,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const json = seeded.stdout
    .split('\n')
    .reverse()
    .find((line) => line.trim().startsWith('{'));
  if (!json)
    throw new Error(`seed --demo --json printed no JSON:\n${seeded.stdout}\n${seeded.stderr}`);
  const { accounts, customer_login: customerLogin } = JSON.parse(json) as {
    accounts: DemoAccount[];
    customer_login: DemoCustomerLogin;
  };
  return { dataDir, accounts, customerLogin };
}

/**
 * Starts `huoban start` on a free port with a fresh copy of the run's seeded demo data directory;
 * `stop()` ends the process and removes the copy.
 */
export async function startDemoServer(): Promise<RunningServer> {
  const template = inject('demoTemplate');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-e2e-'));
  cpSync(template.dataDir, dataDir, { recursive: true });
  const { accounts, customerLogin } = template;

  const port = await freePort();
  let log = '';
  const server = spawn(
    process.execPath,
    [cli, 'start', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir],
    { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log.slice(-20_000);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(`${baseUrl}/healthz`, server, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, accounts, customerLogin, dataDir, output, stop };
}
