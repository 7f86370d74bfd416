/**
 * Money benchmark (issue 4): 拨款, 回收 and coupon issues per second on PostgreSQL at 32 concurrent
 * clients, all moving one partner's cash or one quota (the hot rows every move locks), then
 * `ledger verify` on the result. The target is at least 1,000 money moves per second on a 2-core
 * machine.
 *
 * Without DATABASE_URL it creates the scratch database `huoban_bench_money` through
 * HUOBAN_BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) and drops it at
 * the end. With DATABASE_URL it uses that scratch database (migrated; rows stay).
 *
 * Every request is signed like the Node SDK. Requests cycle through the kinds of `--mix`:
 * `allocate` gives 1.00 to a customer, `reclaim` takes back 1.00 from the customer the allocation
 * before it funded, `coupon` issues a 1.00 coupon from the partner's quota; customers round-robin,
 * on keep-alive connections for `--seconds`.
 *
 * Usage: npx tsx bench/money/run.ts [--seconds 20] [--warmup 3] [--concurrency 32] [--customers 64]
 *        [--mix allocate,reclaim,coupon] [--profile <dir>]
 * `--profile` writes a V8 CPU profile of the server process into <dir> (open it in Chrome DevTools).
 * Prints a Markdown report (machine, settings, results) for bench/money/RESULTS.md.
 */
import { fork } from 'node:child_process';
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
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '32' },
    customers: { type: 'string', default: '64' },
    mix: { type: 'string', default: 'allocate,reclaim,coupon' },
    profile: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
const concurrency = Number(values.concurrency);
const customerCount = Number(values.customers);
const KINDS = ['allocate', 'reclaim', 'coupon'] as const;
type Kind = (typeof KINDS)[number];
const mix = values.mix.split(',').map((name) => {
  const kind = KINDS.find((candidate) => candidate === name.trim());
  if (!kind) throw new Error(`--mix: unknown kind ${name}`);
  return kind;
});
const KIND_NAMES: Record<Kind, string> = {
  allocate: '拨款 (adjust-amount)',
  reclaim: '回收 (reclaim)',
  coupon: '发券 (partner-coupons)',
};
const BENCH_DATABASE = 'huoban_bench_money';
const ADMIN_URL =
  process.env.HUOBAN_BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const loadAtStart = loadavg()[0]?.toFixed(2) ?? '?';

interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
}

interface BenchServer {
  ready: BenchServerReady;
  ask: <T>(message: string, key: string) => Promise<T>;
  stop: () => Promise<void>;
}

function startServer(dataDir: string, databaseUrl: string): Promise<BenchServer> {
  const child = fork(
    path.join(import.meta.dirname, 'server.ts'),
    [dataDir, String(customerCount)],
    {
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: databaseUrl },
      execArgv: values.profile
        ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${values.profile}`]
        : process.execArgv,
    },
  );
  const ask = <T>(message: string, key: string) =>
    new Promise<T>((resolve) => {
      const listener = (answer: unknown) => {
        if (answer && typeof answer === 'object' && key in answer) {
          child.off('message', listener);
          resolve((answer as Record<string, T>)[key] as T);
        }
      };
      child.on('message', listener);
      child.send(message);
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${String(code)}`)));
    child.once('message', (message) => {
      child.removeAllListeners('exit');
      resolve({
        ready: message as BenchServerReady,
        ask,
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
 * from /proc: the database's share of the per-move cost, which the server process does not see.
 */
async function databaseCpuMicros(client: pg.Client): Promise<number> {
  const backends = await client.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
  );
  const ticksPerSecond = 100;
  let ticks = 0;
  for (const { pid } of backends.rows) {
    try {
      // Fields after the command name: utime is the 14th and stime the 15th of the whole line.
      const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A backend that ended between the query and the read used no more CPU for us.
    }
  }
  return (ticks * 1_000_000) / ticksPerSecond;
}

/** The request of the n-th move: its path and body. */
function request(ready: BenchServerReady, kind: Kind, n: number): { url: string; body: object } {
  // An allocation and the reclaim after it address the same customer, so the reclaim finds the
  // 1.00 to take back (under concurrency it may land first and be refused, counted as refused).
  const round = Math.floor(n / mix.length);
  const customerId = ready.customerIds[round % ready.customerIds.length] ?? '';
  if (kind === 'coupon') {
    return {
      url: '/v2/promotions/benefits/partner-coupons',
      body: { quota_id: ready.quotaId, customer_ids: [customerId], face_value: '1.00' },
    };
  }
  return {
    url:
      kind === 'allocate'
        ? '/v2/accounts/partner-accounts/adjust-amount'
        : '/v2/accounts/partner-accounts/reclaim',
    body: { customer_id: customerId, amount: '1.00' },
  };
}

function post(
  agent: http.Agent,
  ready: BenchServerReady,
  url: string,
  body: object,
): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify(body);
  const signed = signNodeStyle(ready.keys, {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', host: `127.0.0.1:${String(ready.port)}` },
    body: payload,
  });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: '127.0.0.1',
        port: ready.port,
        path: signed.url,
        method: 'POST',
        headers: signed.headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

/** A coupon issue answers 200 with the refusal in `error_details`; a move counts when it moved. */
function moved(kind: Kind, answer: { status: number; body: string }): boolean {
  if (answer.status !== 200) return false;
  if (kind !== 'coupon') return true;
  const parsed = JSON.parse(answer.body) as { error_details?: unknown[] };
  return (parsed.error_details ?? []).length === 0;
}

async function drive(server: BenchServer, database: pg.Client, duration: number) {
  const { ready } = server;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const samples: Sample[] = [];
  const cpuBefore = await server.ask<NodeJS.CpuUsage>('cpu', 'cpu');
  const clientCpuBefore = process.cpuUsage();
  const databaseCpuBefore = await databaseCpuMicros(database);
  const started = performance.now();
  const deadline = started + duration * 1000;
  let counter = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const n = counter++;
      const kind = mix[n % mix.length] ?? 'allocate';
      const { url, body } = request(ready, kind, n);
      const sent = performance.now();
      const answer = await post(agent, ready, url, body);
      samples.push({ kind, ms: performance.now() - sent, ok: moved(kind, answer) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const cpuAfter = await server.ask<NodeJS.CpuUsage>('cpu', 'cpu');
  const databaseCpuUsed = (await databaseCpuMicros(database)) - databaseCpuBefore;
  agent.destroy();
  const cpuUsed = cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system;
  const requests = Math.max(1, samples.length);
  return {
    samples,
    elapsed,
    cpuPerRequest: cpuUsed / requests,
    databaseCpuPerRequest: databaseCpuUsed / requests,
    clientCpuPerRequest: (clientCpu.user + clientCpu.system) / requests,
  };
}

function row(name: string, samples: Sample[], elapsed: number): string {
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const refused = samples.filter((sample) => !sample.ok).length;
  return (
    `| ${name} | ${(samples.length / elapsed).toFixed(0)} | ${percentile(sorted, 0.5).toFixed(1)} | ` +
    `${percentile(sorted, 0.95).toFixed(1)} | ${percentile(sorted, 0.99).toFixed(1)} | ` +
    `${String(samples.length)} | ${String(refused)} |`
  );
}

async function main(): Promise<void> {
  const ownDatabase = !process.env.DATABASE_URL;
  let databaseUrl = process.env.DATABASE_URL ?? '';
  if (ownDatabase) {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${BENCH_DATABASE}`);
    await admin.query(`create database ${BENCH_DATABASE}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${BENCH_DATABASE}`;
    databaseUrl = url.toString();
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-bench-money-'));
  const server = await startServer(dataDir, databaseUrl);
  try {
    const database = new pg.Client({ connectionString: databaseUrl });
    await database.connect();
    const versionRows = (await database.query<{ v: string }>('select version() as v')).rows;
    const version = versionRows[0]?.v ?? '?';
    await drive(server, database, warmupSeconds);
    const result = await drive(server, database, seconds);
    await database.end();
    const verify = await server.ask<{
      accounts: number;
      transactions: number;
      differences: number;
    }>('verify', 'verify');
    const cpuInfo = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
    const moves = result.samples.filter((sample) => sample.ok).length;
    process.stdout.write(
      [
        `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`,
        '',
        `- CPU: ${model}, ${String(cpus().length)} logical CPUs`,
        `- Node.js ${process.version}; ${version.split(',')[0] ?? version}, same machine`,
        `- ${String(concurrency)} keep-alive clients for ${String(seconds)} s after ${String(warmupSeconds)} s warm-up; ` +
          `${String(customerCount)} resale customers of one partner; mix ${mix.join(', ')}; ` +
          'every request signed like the Node SDK',
        `- Load average (1 min) at start / end: ${loadAtStart} / ${loadavg()[0]?.toFixed(2) ?? '?'}`,
        '',
        '| requests | req/s | p50 ms | p95 ms | p99 ms | count | refused |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...[...new Set(mix)].map((kind) =>
          row(
            KIND_NAMES[kind],
            result.samples.filter((sample) => sample.kind === kind),
            result.elapsed,
          ),
        ),
        row('all', result.samples, result.elapsed),
        '',
        `Money moves committed: ${(moves / result.elapsed).toFixed(0)} per second. ` +
          `CPU per request: ${result.cpuPerRequest.toFixed(0)} µs in the Node server, ` +
          `${result.databaseCpuPerRequest.toFixed(0)} µs in the PostgreSQL backends, ` +
          `${result.clientCpuPerRequest.toFixed(0)} µs in the load generator (same CPUs).`,
        `Ledger verify afterwards: ${String(verify.accounts)} accounts, ${String(verify.transactions)} transactions, ` +
          `${String(verify.differences)} differences.`,
        '',
      ].join('\n'),
    );
    if (verify.differences > 0) process.exitCode = 1;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (ownDatabase) {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
      await admin.end();
    }
  }
}

await main();
