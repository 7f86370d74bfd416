// `npm test`: every test suite in turn (server on PGlite, server on PostgreSQL, browser), each with
// its runner's own output, then one closing line `N passed, N failed[, N skipped]` over all of them.
// The exit code is non-zero when any suite fails.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';

const root = path.resolve(import.meta.dirname, '..');
const serverDir = path.join(root, 'server');
const vitestBin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const chromiumPath = '/usr/bin/chromium';
const isCi = Boolean(process.env.CI) && process.env.CI !== 'false';

const reportDir = mkdtempSync(path.join(tmpdir(), 'huoban-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let anySuiteFailed = false;

function say(line = '') {
  process.stdout.write(line + '\n');
}

function heading(title) {
  say();
  say(`=== ${title} ===`);
}

/** Runs a command, streaming its output; resolves with the exit code and (if `capture`) the text. */
function run(command, args, { cwd, env, capture = false }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        process.stdout.write(chunk);
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
        process.stderr.write(chunk);
      });
    }
    child.on('error', (error) => {
      say(`Could not start ${command}: ${error.message}`);
      resolve({ code: 1, output });
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/**
 * Adds a suite's counts to the totals. A suite that exits non-zero without a failed test (a file
 * that does not load, a crashed runner) still counts one failure, so the closing line never says
 * "0 failed" for a red run.
 */
function record(name, code, counts) {
  const failed = code !== 0 && counts.failed === 0 ? 1 : counts.failed;
  totals.passed += counts.passed;
  totals.failed += failed;
  totals.skipped += counts.skipped;
  if (code !== 0) {
    anySuiteFailed = true;
    say(`${name}: FAILED (exit code ${code})`);
  }
}

/** Test counts from a Vitest JSON report. */
function readVitestReport(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** Runs the server's Vitest suite once and reads the counts from its JSON report. */
async function runVitest(name, env) {
  heading(name);
  const reportFile = path.join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  const { code } = await run(
    process.execPath,
    [vitestBin, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`],
    { cwd: serverDir, env },
  );
  const counts = existsSync(reportFile)
    ? readVitestReport(reportFile)
    : { passed: 0, failed: 0, skipped: 0 };
  record(name, code, counts);
}

const ansi = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g');

/**
 * Reads test counts from a runner's closing lines: Vitest (`Tests  3 passed | 1 failed`), node's
 * test runner (`ℹ pass 3` / `# pass 3`), Playwright (`3 passed`) or a plain `3 passed, 1 failed`.
 * The last figure of each kind wins.
 */
function parseCounts(output) {
  const text = output.replace(ansi, '');
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const patterns = {
    passed: [/(\d+) passed\b/g, /^\s*(?:ℹ|#) pass (\d+)\s*$/gm],
    failed: [/(\d+) failed\b/g, /^\s*(?:ℹ|#) fail (\d+)\s*$/gm],
    skipped: [/(\d+) skipped\b/g, /^\s*(?:ℹ|#) (?:skipped|todo) (\d+)\s*$/gm],
  };
  for (const [kind, expressions] of Object.entries(patterns)) {
    for (const expression of expressions) {
      const matches = [...text.matchAll(expression)];
      const last = matches.at(-1);
      if (last) counts[kind] = Math.max(counts[kind], Number(last[1]));
    }
  }
  return counts;
}

async function runBrowserSuite() {
  const name = 'Browser suite (e2e)';
  heading(name);
  if (!existsSync(chromiumPath)) {
    const message = `Browser suite skipped: ${chromiumPath} not found (install Debian's chromium)`;
    if (isCi) {
      say(`${message}; CI is set, so this is a failure`);
      record(name, 1, { passed: 0, failed: 0, skipped: 0 });
    } else {
      say(message);
    }
    return;
  }
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const script = manifest.scripts?.['test:e2e'];
  if (!script) {
    say('Browser suite skipped: package.json has no test:e2e script');
    return;
  }
  // A Vitest-based script reports its counts in JSON like the server suites; any other runner's
  // counts are read from its closing lines.
  const reportFile = path.join(reportDir, 'e2e.json');
  const extra = /\bvitest\b/.test(script)
    ? ['--', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`]
    : [];
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { code, output } = await run(npm, ['run', '--silent', 'test:e2e', ...extra], {
    cwd: root,
    capture: true,
  });
  record(name, code, existsSync(reportFile) ? readVitestReport(reportFile) : parseCounts(output));
}

async function main() {
  try {
    await runVitest('Server tests on PGlite', { HUOBAN_TEST_DB: 'pglite' });
    if (process.env.HUOBAN_TEST_PG_URL) {
      await runVitest('Server tests on PostgreSQL', { HUOBAN_TEST_DB: 'postgres' });
    } else {
      heading('Server tests on PostgreSQL');
      say('PostgreSQL suite skipped: HUOBAN_TEST_PG_URL is not set');
    }
    await runBrowserSuite();
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
  say();
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  say(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
  process.exitCode = anySuiteFailed ? 1 : 0;
}

await main();
