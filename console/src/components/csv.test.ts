import { describe, expect, test } from 'vitest';
import { toCsv, type CsvColumn } from './csv';

interface Row {
  name: string;
  note: string | null;
  count: number;
}

const columns: CsvColumn<Row>[] = [
  { title: '名称', value: (row) => row.name },
  { title: 'note', value: (row) => row.note },
  { title: 'count', value: (row) => row.count },
];

describe('toCsv', () => {
  test('writes a header and one CRLF line per row, quoting only where needed', () => {
    const text = toCsv([{ name: 'A公司', note: 'say "hi", then go', count: 3 }], columns);
    expect(text).toBe('名称,note,count\r\nA公司,"say ""hi"", then go",3\r\n');
  });

  test('writes missing values as empty cells', () => {
    expect(toCsv([{ name: 'x', note: null, count: 0 }], columns)).toBe(
      '名称,note,count\r\nx,,0\r\n',
    );
  });

  test('neutralises cells a spreadsheet would run as formulas', () => {
    const text = toCsv([{ name: '=HYPERLINK("http://x")', note: '@SUM(A1)', count: -1 }], columns);
    expect(text.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x"")",'@SUM(A1),-1`);
  });
});
