/**
 * Money benchmark (issue 4): 拨款 and 回收 per second on PostgreSQL at 32 concurrent clients, all
 * moving one partner's balance (the hot row every move locks), then `ledger verify` on the
 * result. The target is at least 1,000 money moves per second on a 2-core machine.
 *
 * Without DATABASE_URL it creates the scratch database `huoban_bench_money` through
 * HUOBAN_BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) and drops it at
 * the end. With DATABASE_URL it uses that scratch database (migrated; rows stay).
 *
 * Every request is signed like the Node SDK; even requests allocate 1.00 to a customer and odd
 * ones reclaim 1.00 from the customer the previous request funded, round-robin over the
 * customers, on keep-alive connections for `--seconds`. Coupon issues join once coupons exist.
 *
 * Usage: npx tsx bench/money/run.ts [--seconds 20] [--warmup 3] [--concurrency 32] [--customers 64]
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
  },
});
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
const concurrency = Number(values.concurrency);
const customerCount = Number(values.customers);
const BENCH_DATABASE = 'huoban_bench_money';
const ADMIN_URL =
  process.env.HUOBAN_BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const loadAtStart = loadavg()[0]?.toFixed(2) ?? '?';

interface Sample {
  kind: 'allocate' | 'reclaim';
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
    { stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl } },
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

function post(
  agent: http.Agent,
  ready: BenchServerReady,
  url: string,
  body: object,
): Promise<number> {
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

async function drive(server: BenchServer, duration: number) {
  const { ready } = server;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const samples: Sample[] = [];
  const cpuBefore = await server.ask<NodeJS.CpuUsage>('cpu', 'cpu');
  const started = performance.now();
  const deadline = started + duration * 1000;
  let counter = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const n = counter++;
      const kind = n % 2 === 0 ? 'allocate' : 'reclaim';
      // A reclaim takes back what the allocation just before it (n - 1) gave the same customer;
      // under concurrency it may land first and be refused, which counts as a refused move.
      const customerId = ready.customerIds[Math.floor(n / 2) % ready.customerIds.length] ?? '';
      const sent = performance.now();
      const status = await post(
        agent,
        ready,
        kind === 'allocate'
          ? '/v2/accounts/partner-accounts/adjust-amount'
          : '/v2/accounts/partner-accounts/reclaim',
        { customer_id: customerId, amount: '1.00' },
      );
      samples.push({ kind, ms: performance.now() - sent, ok: status === 200 });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = await server.ask<NodeJS.CpuUsage>('cpu', 'cpu');
  agent.destroy();
  const cpuUsed = cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system;
  return { samples, elapsed, cpuPerRequest: cpuUsed / Math.max(1, samples.length) };
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
    const probe = new pg.Client({ connectionString: databaseUrl });
    await probe.connect();
    const versionRows = (await probe.query<{ v: string }>('select version() as v')).rows;
    const version = versionRows[0]?.v ?? '?';
    await probe.end();
    await drive(server, warmupSeconds);
    const result = await drive(server, seconds);
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
        `## ${new Date().toISOString().slice(0, 10)}`,
        '',
        `- CPU: ${model}, ${String(cpus().length)} logical CPUs`,
        `- Node.js ${process.version}; ${version.split(',')[0] ?? version}, same machine`,
        `- ${String(concurrency)} keep-alive clients for ${String(seconds)} s after ${String(warmupSeconds)} s warm-up; ` +
          `${String(customerCount)} resale customers of one partner; every request signed like the Node SDK`,
        `- Load average (1 min) at start / end: ${loadAtStart} / ${loadavg()[0]?.toFixed(2) ?? '?'}`,
        '',
        '| requests | req/s | p50 ms | p95 ms | p99 ms | count | refused |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        row(
          '拨款 (adjust-amount)',
          result.samples.filter((s) => s.kind === 'allocate'),
          result.elapsed,
        ),
        row(
          '回收 (reclaim)',
          result.samples.filter((s) => s.kind === 'reclaim'),
          result.elapsed,
        ),
        row('all', result.samples, result.elapsed),
        '',
        `Money moves committed: ${(moves / result.elapsed).toFixed(0)} per second. ` +
          `Server CPU per request: ${(result.cpuPerRequest / 1000).toFixed(2)} ms.`,
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
