import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of ARCHITECTURE.md, checked on every import so a violation cannot be
 * silenced line by line: platform/ never imports a module, a module reaches another module only
 * through its index.ts, and the console never imports server code.
 */

const repositoryRoot = path.resolve(import.meta.dirname, '../../..');
const serverSrc = path.join(repositoryRoot, 'server', 'src');
const consoleDir = path.join(repositoryRoot, 'console');
const serverDir = path.join(repositoryRoot, 'server');

interface SourceFile {
  /** Absolute path. */
  file: string;
  source: string;
}

interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

function listSources(dir: string): string[] {
  const skipped = new Set(['node_modules', 'dist', 'coverage']);
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return skipped.has(entry.name) ? [] : listSources(full);
    return /\.(ts|tsx|mts|js|jsx|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')
      ? [full]
      : [];
  });
}

function read(files: string[]): SourceFile[] {
  return files.map((file) => ({ file, source: readFileSync(file, 'utf8') }));
}

/** Every module specifier of a file: static and type imports, re-exports, dynamic `import()`. */
function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((entry) => entry.fileName);
}

/** Where a relative specifier points, or null for a package import. */
function resolveRelative(file: string, specifier: string): string | null {
  return specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : null;
}

function isInside(target: string, dir: string): boolean {
  const relative = path.relative(dir, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The `<name>` of `src/modules/<name>/…`, or null outside the modules folder. */
function moduleOf(target: string, srcDir: string): string | null {
  const modulesDir = path.join(srcDir, 'modules');
  if (!isInside(target, modulesDir)) return null;
  return path.relative(modulesDir, target).split(path.sep)[0] ?? null;
}

/** Violations of the server rules among `files` (all under `srcDir`). */
function serverViolations(files: SourceFile[], srcDir: string): Violation[] {
  const platformDir = path.join(srcDir, 'platform');
  const violations: Violation[] = [];
  for (const { file, source } of files) {
    const ownModule = moduleOf(file, srcDir);
    for (const specifier of importSpecifiers(source)) {
      const target = resolveRelative(file, specifier);
      if (!target) continue;
      const targetModule = moduleOf(target, srcDir);
      if (isInside(file, platformDir) && targetModule) {
        violations.push({ file, specifier, rule: 'platform/ imports nothing from modules/' });
      }
      if (ownModule && targetModule && targetModule !== ownModule) {
        const publicSurface = path.join(srcDir, 'modules', targetModule, 'index.ts');
        if (target !== publicSurface) {
          violations.push({
            file,
            specifier,
            rule: `modules/${ownModule} may import modules/${targetModule} only through its index.ts`,
          });
        }
      }
    }
  }
  return violations;
}

/** Violations of "the console imports nothing from the server" among `files`. */
function consoleViolations(files: SourceFile[], serverRoot: string): Violation[] {
  const violations: Violation[] = [];
  for (const { file, source } of files) {
    for (const specifier of importSpecifiers(source)) {
      const target = resolveRelative(file, specifier);
      const reachesServer = target
        ? isInside(target, serverRoot)
        : specifier === '@huoban/server' || specifier.startsWith('@huoban/server/');
      if (reachesServer) {
        violations.push({ file, specifier, rule: 'console/ imports nothing from server/' });
      }
    }
  }
  return violations;
}

function describeViolations(violations: Violation[]): string[] {
  return violations.map(
    (v) => `${path.relative(repositoryRoot, v.file)}: '${v.specifier}' (${v.rule})`,
  );
}

describe('import rules', () => {
  it('keeps platform/ free of module imports and modules behind their index.ts', () => {
    const files = read(listSources(serverSrc));
    expect(files.length).toBeGreaterThan(0);
    expect(describeViolations(serverViolations(files, serverSrc))).toEqual([]);
  });

  it('keeps the console free of server imports', () => {
    const files = existsSync(consoleDir) ? read(listSources(consoleDir)) : [];
    expect(describeViolations(consoleViolations(files, serverDir))).toEqual([]);
  });
});

describe('import rule checker', () => {
  const src = '/repo/server/src';
  const at = (relative: string, source: string): SourceFile => ({
    file: path.join(src, relative),
    source,
  });

  it('accepts the allowed shapes at any depth', () => {
    const files = [
      at('modules/orders/service.ts', "import { x } from '../customers/index.ts';"),
      at('modules/orders/service/pay-order.ts', "import { x } from '../../customers/index.ts';"),
      at('modules/orders/api.ts', "import { x } from './service.ts';"),
      at('modules/orders/service/pay-order.ts', "import { y } from '../schema.ts';"),
      at('modules/orders/wire.ts', "import { z } from '../../platform/http/schemas.ts';"),
      at('platform/http/errors.ts', "import { a } from '../db/index.ts';"),
      at('app.ts', "import { b } from './modules/orders/api.ts';"),
    ];
    expect(serverViolations(files, src)).toEqual([]);
  });

  it('rejects reaching into another module or from platform/ into modules/', () => {
    const files = [
      at('modules/orders/service.ts', "import { customers } from '../customers/schema.ts';"),
      at('modules/orders/service/pay.ts', "export { x } from '../../customers/service.ts';"),
      at('modules/orders/rules.ts', "const m = await import('../customers/wire.ts');"),
      at('modules/orders/api.ts', "import type { T } from '../customers/sub/index.ts';"),
      at(
        'platform/auth/plugin.ts',
        "import { accountDirectory } from '../../modules/partners/index.ts';",
      ),
    ];
    expect(serverViolations(files, src).map((v) => v.specifier)).toEqual([
      '../customers/schema.ts',
      '../../customers/service.ts',
      '../customers/wire.ts',
      '../customers/sub/index.ts',
      '../../modules/partners/index.ts',
    ]);
  });

  it('ignores specifiers in comments and strings', () => {
    const files = [
      at(
        'platform/http/errors.ts',
        "// import { x } from '../../modules/a/schema.ts';\nconst s = \"import '../../modules/a/x.ts'\";",
      ),
    ];
    expect(serverViolations(files, src)).toEqual([]);
  });

  it('rejects console imports of server code', () => {
    const files: SourceFile[] = [
      {
        file: '/repo/console/src/api/client.ts',
        source: "import { E } from '../../../server/src/x.ts';",
      },
      {
        file: '/repo/console/src/api/types.ts',
        source: "import type { T } from '@huoban/server';",
      },
      { file: '/repo/console/src/app.tsx', source: "import { C } from './components/c.tsx';" },
    ];
    expect(consoleViolations(files, '/repo/server').map((v) => v.specifier)).toEqual([
      '../../../server/src/x.ts',
      '@huoban/server',
    ]);
  });
});
