import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Errors } from '../../src/platform/http/errors.ts';

/** docs/errors.md must list exactly the catalogue, with the same code and status per key. */

const docPath = path.resolve(import.meta.dirname, '../../../docs/errors.md');

interface DocRow {
  key: string;
  code: string;
  status: number;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/^`|`$/g, ''));
}

/** The rows of the catalogue table: the first column of a row is an UPPER_SNAKE key. */
function parseCatalogue(markdown: string): DocRow[] {
  return markdown
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map(cells)
    .filter(([key]) => key !== undefined && /^[A-Z][A-Z0-9_]*$/.test(key))
    .map(([key = '', code = '', status = '']) => ({ key, code, status: Number(status) }));
}

describe('docs/errors.md', () => {
  const rows = parseCatalogue(readFileSync(docPath, 'utf8'));
  const catalogue = Object.entries(Errors).map(([key, entry]) => ({
    key,
    code: entry.code,
    status: entry.status,
  }));

  it('lists every catalogue entry with its code and HTTP status', () => {
    const missingOrWrong = catalogue.filter(
      (entry) =>
        !rows.some(
          (row) => row.key === entry.key && row.code === entry.code && row.status === entry.status,
        ),
    );
    expect(missingOrWrong, 'add or correct these rows in docs/errors.md').toEqual([]);
  });

  it('names no key that the catalogue no longer has, and none twice', () => {
    const stale = rows.filter((row) => !(row.key in Errors)).map((row) => row.key);
    expect(stale, 'remove these rows from docs/errors.md').toEqual([]);
    const keys = rows.map((row) => row.key);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });

  it('parses the table it checks', () => {
    expect(
      parseCatalogue('| Key | Code |\n| --- | --- |\n| `A_B` | `CBC.1` | 400 | x \\| y |'),
    ).toEqual([{ key: 'A_B', code: 'CBC.1', status: 400 }]);
  });
});
