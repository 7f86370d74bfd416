// `npm test`: every test suite in turn (server on PGlite, server on PostgreSQL, console units,
// browser), each with
// its runner's own output, then one closing line `N passed, N failed[, N skipped]` over all of them.
// The exit code is non-zero when any suite fails.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';

const root = path.resolve(import.meta.dirname, '..');
const serverDir = path.join(root, 'server');
const consoleDir = path.join(root, 'console');
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

/** Runs a command with inherited output; resolves with its exit code. */
function run(command, args, { cwd, env }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('error', (error) => {
      say(`Could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
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

/** Runs one Vitest suite and reads the counts from its JSON report. */
async function runVitest(name, { cwd, env = {}, args = [] }) {
  heading(name);
  const reportFile = path.join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  const code = await run(
    process.execPath,
    [
      vitestBin,
      'run',
      ...args,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportFile}`,
    ],
    { cwd, env },
  );
  const counts = existsSync(reportFile)
    ? readVitestReport(reportFile)
    : { passed: 0, failed: 0, skipped: 0 };
  record(name, code, counts);
}

async function runBrowserSuite() {
  const name = 'Browser suite (e2e)';
  if (!existsSync(chromiumPath)) {
    heading(name);
    const message = `Browser suite skipped: ${chromiumPath} not found (install Debian's chromium)`;
    if (isCi) {
      say(`${message}; CI is set, so this is a failure`);
      record(name, 1, { passed: 0, failed: 0, skipped: 0 });
    } else {
      say(message);
    }
    return;
  }
  await runVitest(name, { cwd: root, args: ['--config', 'e2e/vitest.config.ts'] });
}

async function main() {
  try {
    await runVitest('Server tests on PGlite', {
      cwd: serverDir,
      env: { HUOBAN_TEST_DB: 'pglite' },
    });
    if (process.env.HUOBAN_TEST_PG_URL) {
      await runVitest('Server tests on PostgreSQL', {
        cwd: serverDir,
        env: { HUOBAN_TEST_DB: 'postgres' },
      });
    } else {
      heading('Server tests on PostgreSQL');
      say('PostgreSQL suite skipped: HUOBAN_TEST_PG_URL is not set');
    }
    await runVitest('Console unit tests', { cwd: consoleDir });
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
