/**
 * Customers benchmark (issue 3): ListSubCustomers over 100,000 customers of one partner on
 * PostgreSQL, filtered and paged, at 32 concurrent clients; the target is p99 under 50 ms.
 *
 * Without DATABASE_URL it creates the scratch database `huoban_bench_customers` through
 * HUOBAN_BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) and drops it at
 * the end. With DATABASE_URL it uses that scratch database as it is (migrated, then loaded with
 * a fresh run tag, so reruns add rows beside the earlier ones).
 *
 * The server runs in a child process (server.ts): it migrates, bulk-loads the customers (plus
 * other partners' customers as noise) and serves on loopback. Every request is signed like the
 * Node SDK; a fixed mix of query kinds runs round-robin on keep-alive connections for `--seconds`.
 *
 * Usage: npx tsx bench/customers/run.ts [--seconds 30] [--warmup 5] [--concurrency 32]
 *        [--customers 100000] [--noise 50000] [--profile <dir>] [--only <query kind>]
 * `--profile` writes a V8 CPU profile of the server process into <dir> (open it in Chrome DevTools).
 * Prints a Markdown report (machine, settings, results) for bench/customers/RESULTS.md.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { signNodeStyle } from '../../server/test/helpers/signing.ts';
import type { BenchServerReady } from './server.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '32' },
    customers: { type: 'string', default: '100000' },
    noise: { type: 'string', default: '50000' },
    profile: { type: 'string' },
    only: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
const concurrency = Number(values.concurrency);
const customerCount = Number(values.customers);
const noiseCount = Number(values.noise);
const BENCH_DATABASE = 'huoban_bench_customers';
const ADMIN_URL =
  process.env.HUOBAN_BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LIST_PATH = '/v2/partners/sub-customers/query';

interface Keys {
  accessKey: string;
  secretKey: string;
}

/** One kind of query: `body(n)` gives the n-th request's body, varying values deterministically. */
interface QueryKind {
  name: string;
  description: string;
  keys: 'owner' | 'manager';
  body: (n: number) => Record<string, unknown>;
}

interface Sample {
  kind: number;
  ms: number;
  ok: boolean;
}

interface BenchServer {
  ready: BenchServerReady;
  cpuMicros: () => Promise<number>;
  stop: () => Promise<void>;
}

function startServer(dataDir: string, databaseUrl: string, runTag: string): Promise<BenchServer> {
  const child = fork(
    path.join(import.meta.dirname, 'server.ts'),
    [dataDir, String(customerCount), String(noiseCount), runTag],
    {
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: databaseUrl },
      execArgv: values.profile
        ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${values.profile}`]
        : process.execArgv,
    },
  );
  const cpuMicros = () =>
    new Promise<number>((resolve) => {
      child.once('message', (message) => {
        const { cpu } = message as { cpu: NodeJS.CpuUsage };
        resolve(cpu.user + cpu.system);
      });
      child.send('cpu');
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once('message', (message) => {
      child.removeAllListeners('exit');
      resolve({
        ready: message as BenchServerReady,
        cpuMicros,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
  });
}

/**
 * CPU time used so far by the PostgreSQL backends serving the bench database (the server's pool),
 * from /proc: the database's share of the per-request cost, which the server process does not see.
 */
async function databaseCpuMicros(client: pg.Client): Promise<number> {
  const backends = await client.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
  );
  const ticksPerSecond = 100;
  let ticks = 0;
  for (const { pid } of backends.rows) {
    try {
      // Fields after the command name: state is 3rd, utime 14th and stime 15th of the whole line.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A backend that ended between the query and the read used no more CPU for us.
    }
  }
  return (ticks * 1_000_000) / ticksPerSecond;
}

function post(
  agent: http.Agent,
  port: number,
  keys: Keys,
  body: Record<string, unknown>,
): Promise<number> {
  const payload = JSON.stringify(body);
  const signed = signNodeStyle(keys, {
    method: 'POST',
    url: LIST_PATH,
    headers: { 'content-type': 'application/json', host: `127.0.0.1:${port}` },
    body: payload,
  });
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent, host: '127.0.0.1', port, path: signed.url, method: 'POST', headers: signed.headers },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

/** `concurrency` loops sending the query kinds round-robin for `duration` seconds. */
async function drive(
  server: BenchServer,
  database: pg.Client,
  kinds: QueryKind[],
  duration: number,
) {
  const { port, owner, manager } = server.ready;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const samples: Sample[] = [];
  const cpuBefore = await server.cpuMicros();
  const clientCpuBefore = process.cpuUsage();
  const databaseCpuBefore = await databaseCpuMicros(database);
  const started = performance.now();
  const deadline = started + duration * 1000;
  let counter = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const n = counter++;
      const kind = n % kinds.length;
      const query = kinds[kind];
      if (!query) throw new Error('no query kind');
      const sent = performance.now();
      const status = await post(
        agent,
        port,
        query.keys === 'owner' ? owner : manager,
        query.body(Math.floor(n / kinds.length)),
      );
      samples.push({ kind, ms: performance.now() - sent, ok: status === 200 });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const cpuUsed = (await server.cpuMicros()) - cpuBefore;
  const databaseCpuUsed = (await databaseCpuMicros(database)) - databaseCpuBefore;
  agent.destroy();
  const requests = Math.max(1, samples.length);
  return {
    samples,
    elapsed,
    cpuPerRequest: cpuUsed / requests,
    databaseCpuPerRequest: databaseCpuUsed / requests,
    clientCpuPerRequest: (clientCpu.user + clientCpu.system) / requests,
  };
}

function machine(serverVersion: string, loadSeconds: number): string {
  const cpuInfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return [
    `- CPU: ${model}, ${cpus().length} logical CPUs (nproc)`,
    `- Node.js ${process.version}, ${process.platform}/${process.arch}`,
    `- Database: ${serverVersion}, on the same machine`,
    `- Data: ${customerCount} customers of the measured partner (80 % with an account manager, 8 managers), ` +
      `${noiseCount} customers of 5 other partners; loaded and analysed in ${loadSeconds.toFixed(1)} s`,
    `- Load: ${concurrency} concurrent keep-alive connections for ${seconds} s after ${warmupSeconds} s warm-up, ` +
      `query kinds round-robin, every request signed like the Node SDK; client and server in separate processes`,
    `- Machine load average (1 min) at start / end: ${loadAtStart} / ${loadavg()[0]?.toFixed(2) ?? '?'}`,
  ].join('\n');
}

function row(name: string, description: string, samples: Sample[], elapsed: number): string {
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const errors = samples.filter((sample) => !sample.ok).length;
  return (
    `| ${name} | ${description} | ${(samples.length / elapsed).toFixed(0)} | ` +
    `${percentile(sorted, 0.5).toFixed(1)} | ${percentile(sorted, 0.95).toFixed(1)} | ` +
    `${percentile(sorted, 0.99).toFixed(1)} | ${samples.length} | ${errors} |`
  );
}

function report(
  kinds: QueryKind[],
  result: Awaited<ReturnType<typeof drive>>,
  serverVersion: string,
  loadSeconds: number,
): string {
  const { samples, elapsed, cpuPerRequest, databaseCpuPerRequest, clientCpuPerRequest } = result;
  const all = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const p99 = percentile(all, 0.99);
  return [
    machine(serverVersion, loadSeconds),
    '',
    '| query | body | req/s | p50 ms | p95 ms | p99 ms | requests | non-200 |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...kinds.map((kind, index) =>
      row(
        kind.name,
        kind.description,
        samples.filter((sample) => sample.kind === index),
        elapsed,
      ),
    ),
    row('**all**', 'the mix above', samples, elapsed),
    '',
    `Server CPU per request: ${cpuPerRequest.toFixed(0)} µs in the Node process, ` +
      `${databaseCpuPerRequest.toFixed(0)} µs in the PostgreSQL backends of the bench database; ` +
      `the load generator (signing, HTTP) used ${clientCpuPerRequest.toFixed(0)} µs of the same CPUs.`,
    `Overall p99 ${p99.toFixed(1)} ms: ${p99 < 50 ? 'meets' : 'misses'} the target of under 50 ms.`,
  ].join('\n');
}

/** The query mix; values cycle deterministically with `n`, so every run sends the same requests. */
function queryKinds(prefix: string): QueryKind[] {
  const pages = Math.floor(customerCount / 10);
  return [
    {
      name: 'page',
      description: 'no filter, limit 10, offsets spread to the end',
      keys: 'owner',
      body: (n) => ({ limit: 10, offset: ((n * 7919) % pages) * 10 }),
    },
    {
      name: 'account_name',
      description: 'fuzzy `account_name` (a 4-digit part of the name)',
      keys: 'owner',
      body: (n) => ({ account_name: `_c${1000 + ((n * 37) % 9000)}`, limit: 10 }),
    },
    {
      name: 'label',
      description: '`label` (one of 8, 12.5 % match), pages 1–20',
      keys: 'owner',
      body: (n) => ({
        label: ['金融', '教育', '零售', 'SMB'][n % 4],
        limit: 10,
        offset: (n % 20) * 10,
      }),
    },
    {
      name: 'association_type',
      description: '`association_type` 1 (20 %) or 2, pages 1–20',
      keys: 'owner',
      body: (n) => ({
        association_type: n % 2 === 0 ? '1' : '2',
        limit: 10,
        offset: (n % 20) * 10,
      }),
    },
    {
      name: 'associated_on',
      description: '`associated_on` 7-day window (≈2,000 match)',
      keys: 'owner',
      body: (n) => {
        const end = Date.parse('2026-01-01T00:00:00Z') - ((n * 3) % 300) * 86_400_000;
        const wire = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
        return {
          associated_on_begin: wire(end - 7 * 86_400_000),
          associated_on_end: wire(end),
          limit: 10,
        };
      },
    },
    {
      name: 'customer_id',
      description: '`customer_id` (one customer)',
      keys: 'owner',
      body: (n) => ({ customer_id: md5Of(`${prefix}${1 + ((n * 7919) % customerCount)}`) }),
    },
    {
      name: 'mine',
      description: "an account manager's own customers ('mine', 10 %), pages 1–20",
      keys: 'manager',
      body: (n) => ({ limit: 10, offset: (n % 20) * 10 }),
    },
  ];
}

function md5Of(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: ADMIN_URL,
  });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const loadAtStart = loadavg()[0]?.toFixed(2) ?? '?';
const ownDatabase = !process.env.DATABASE_URL;
let databaseUrl = process.env.DATABASE_URL ?? '';
if (ownDatabase) {
  await withAdmin(async (client) => {
    await client.query(`drop database if exists ${BENCH_DATABASE}`);
    await client.query(`create database ${BENCH_DATABASE}`);
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_DATABASE}`;
  databaseUrl = url.toString();
}
const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-bench-customers-'));
const runTag = Date.now().toString(36);
process.stderr.write(`loading ${customerCount} + ${noiseCount} customers…\n`);
const server = await startServer(dataDir, databaseUrl, runTag);
try {
  const database = new pg.Client({ connectionString: databaseUrl });
  await database.connect();
  const version = await database.query<{ v: string }>(
    'select current_setting($$server_version$$) as v',
  );
  const kinds = queryKinds(server.ready.prefix).filter(
    (kind) => !values.only || kind.name === values.only,
  );
  if (kinds.length === 0) throw new Error(`--only names no query kind: ${values.only}`);
  await drive(server, database, kinds, warmupSeconds);
  const result = await drive(server, database, kinds, seconds);
  await database.end();
  const serverVersion = `PostgreSQL ${version.rows[0]?.v ?? '?'}`;
  process.stdout.write(`${report(kinds, result, serverVersion, server.ready.loadSeconds)}\n`);
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (ownDatabase) {
    await withAdmin((client) => client.query(`drop database if exists ${BENCH_DATABASE}`));
  }
}
