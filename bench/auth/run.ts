/**
 * Auth benchmark: what AK/SK verification costs in throughput. Starts the real server in a child
 * process (PGlite in a temporary data dir, or PostgreSQL when DATABASE_URL is set), then drives
 * three scenarios one after another with a keep-alive HTTP client and a fixed concurrency:
 *
 *   healthz  GET /healthz                      no authentication, one `select 1` (the floor)
 *   token    GET /v3/auth/domains X-Auth-Token  the same route authenticated by token
 *   aksk     GET /v3/auth/domains AK/SK signed  the same route, every request freshly signed
 *
 * The scenarios run interleaved for `--rounds` rounds and each reports its median round, so that
 * a burst of other load on the machine does not land on one scenario only. Each scenario also
 * reports the server process's CPU time per request, which other load on the machine disturbs far
 * less than throughput. An in-process micro-benchmark adds the CPU time of one verification.
 *
 * Usage: npx tsx bench/auth/run.ts [--seconds 10] [--rounds 3] [--concurrency 16] [--warmup 2]
 *        [--profile DIR]   (`--profile` writes a V8 CPU profile of the server process into DIR)
 * Prints a Markdown report (machine, settings, results) for bench/auth/RESULTS.md.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseAuthorization, verifySignedRequest } from '../../server/src/platform/auth/aksk.ts';
import { signNodeStyle } from '../../server/test/helpers/signing.ts';
import type { BenchServerReady } from './server.ts';

interface Scenario {
  name: string;
  description: string;
  request: () => { path: string; headers: Record<string, string> };
}

interface Result {
  name: string;
  description: string;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Server CPU time per request in microseconds: far less sensitive to other load than req/s. */
  cpuPerRequest: number;
}

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    profile: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const warmupSeconds = Number(values.warmup);

interface BenchServer {
  ready: BenchServerReady;
  /** Server CPU time (user + system) used so far, in microseconds. */
  cpuMicros: () => Promise<number>;
  stop: () => Promise<void>;
}

function startServer(dataDir: string): Promise<BenchServer> {
  const profiling = values.profile
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`]
    : [];
  const child = fork(path.join(import.meta.dirname, 'server.ts'), [dataDir], {
    stdio: 'inherit',
    execArgv: [...process.execArgv, ...profiling],
  });
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

function send(
  agent: http.Agent,
  port: number,
  target: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent, host: '127.0.0.1', port, path: target, method: 'GET', headers },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

/** `concurrency` loops sending back-to-back requests on keep-alive sockets for `duration` s. */
async function drive(server: BenchServer, scenario: Scenario, duration: number): Promise<Result> {
  const { port } = server.ready;
  const cpuBefore = await server.cpuMicros();
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + duration * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const { path: target, headers } = scenario.request();
      const sent = performance.now();
      const status = await send(agent, port, target, headers);
      latencies.push(performance.now() - sent);
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const cpuUsed = (await server.cpuMicros()) - cpuBefore;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    name: scenario.name,
    description: scenario.description,
    requests: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    cpuPerRequest: cpuUsed / Math.max(1, latencies.length),
  };
}

async function obtainToken(ready: BenchServerReady): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${ready.port}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: {
            user: {
              name: ready.accountName,
              password: ready.password,
              domain: { name: ready.accountName },
            },
          },
        },
      },
    }),
  });
  const token = response.headers.get('x-subject-token');
  if (response.status !== 201 || !token)
    throw new Error(`token request failed: ${response.status}`);
  return token;
}

/**
 * CPU time of one server-side verification (parse, canonical request, HMAC, constant-time
 * compare) with the secret already cached, as the plugin runs it; no database, no HTTP.
 */
function verificationMicros(keys: { accessKey: string; secretKey: string }, host: string): number {
  const signed = signNodeStyle(keys, {
    method: 'GET',
    url: '/v3/auth/domains?limit=10&offset=0',
    headers: { 'content-type': 'application/json', host, 'x-domain-id': 'bench' },
  });
  const lower = Object.fromEntries(
    Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const received = { method: 'GET', target: signed.url, headers: lower, body: Buffer.alloc(0) };
  const iterations = 20_000;
  const started = performance.now();
  for (let i = 0; i < iterations; i++) {
    verifySignedRequest(
      received,
      parseAuthorization(lower.authorization ?? ''),
      keys.secretKey,
      new Date(),
    );
  }
  return ((performance.now() - started) * 1000) / iterations;
}

function machine(): string {
  const cpuInfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return [
    `- CPU: ${model}, ${cpus().length} logical CPUs (nproc)`,
    `- Node.js ${process.version}, ${process.platform}/${process.arch}`,
    `- Database: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (embedded, temporary data dir)'}`,
    `- Load: ${concurrency} concurrent keep-alive connections; ${rounds} interleaved rounds of ${seconds} s per scenario, ` +
      `each after ${warmupSeconds} s warm-up; median round reported; client and server in separate processes`,
    `- Machine load average (1 min) at start / end: ${loadAtStart} / ${loadavg()[0]?.toFixed(2) ?? '?'}`,
  ].join('\n');
}

/** The round with the median throughput, carrying the median CPU per request of all rounds. */
function median(results: Result[]): Result {
  const middle = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const perSecond = middle(results.map((result) => result.perSecond));
  const round = results.find((result) => result.perSecond === perSecond);
  if (!round) throw new Error('no rounds');
  return { ...round, cpuPerRequest: middle(results.map((result) => result.cpuPerRequest)) };
}

function report(results: Result[], micros: number): string {
  const byName = new Map(results.map((result) => [result.name, result]));
  const token = byName.get('token');
  const aksk = byName.get('aksk');
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.description} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ` +
      `${r.cpuPerRequest.toFixed(0)} | ${r.requests} | ${r.errors} |`,
  );
  const throughputCost = token && aksk ? (1 - aksk.perSecond / token.perSecond) * 100 : 0;
  const cpuCost = token && aksk ? (aksk.cpuPerRequest / token.cpuPerRequest - 1) * 100 : 0;
  return [
    machine(),
    '',
    '| scenario | request | req/s | p50 ms | p99 ms | server CPU µs/req | requests | non-200 |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `AK/SK vs token on the same route: ${aksk?.perSecond.toFixed(0)} vs ${token?.perSecond.toFixed(0)} req/s, ` +
      `AK/SK costs ${throughputCost.toFixed(1)} % of the token throughput (negative: faster; target: under 30 %); ` +
      `server CPU per request ${aksk?.cpuPerRequest.toFixed(0)} vs ${token?.cpuPerRequest.toFixed(0)} µs (${cpuCost.toFixed(1)} %).`,
    `One verification in process (cached secret): ${micros.toFixed(1)} µs of CPU.`,
  ].join('\n');
}

const loadAtStart = loadavg()[0]?.toFixed(2) ?? '?';
const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-bench-auth-'));
const server = await startServer(dataDir);
try {
  const { ready } = server;
  const token = await obtainToken(ready);
  const host = `127.0.0.1:${ready.port}`;
  const keys = { accessKey: ready.accessKey, secretKey: ready.secretKey };
  const scenarios: Scenario[] = [
    {
      name: 'healthz',
      description: '`GET /healthz`, no auth',
      request: () => ({ path: '/healthz', headers: {} }),
    },
    {
      name: 'token',
      description: '`GET /v3/auth/domains`, X-Auth-Token',
      request: () => ({ path: '/v3/auth/domains', headers: { 'x-auth-token': token } }),
    },
    {
      name: 'aksk',
      description: '`GET /v3/auth/domains`, SDK-HMAC-SHA256',
      request: () => {
        const signed = signNodeStyle(keys, {
          method: 'GET',
          url: '/v3/auth/domains',
          headers: { 'content-type': 'application/json', host },
        });
        return { path: signed.url, headers: signed.headers };
      },
    },
  ];
  const perScenario: Result[][] = scenarios.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, scenario] of scenarios.entries()) {
      await drive(server, scenario, warmupSeconds);
      perScenario[index]?.push(await drive(server, scenario, seconds));
    }
  }
  process.stdout.write(`${report(perScenario.map(median), verificationMicros(keys, host))}\n`);
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
