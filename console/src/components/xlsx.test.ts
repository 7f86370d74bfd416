import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { CsvColumn } from './csv';
import { toXlsx } from './xlsx';

interface Row {
  name: string;
  amount: string;
  note: string | null;
}

const columns: CsvColumn<Row>[] = [
  { title: '客户名称', value: (row) => row.name },
  { title: '金额', value: (row) => row.amount },
  { title: '备注', value: (row) => row.note },
];

describe('toXlsx', () => {
  it('writes a header and one row per record, formulas kept as text', async () => {
    const buffer = await toXlsx(
      [
        { name: '杭州茶科技', amount: '1234.50', note: null },
        { name: '=HYPERLINK("x")', amount: '0.01', note: 'ok' },
      ],
      columns,
      'Customers: all [2026]',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer);
    const [sheet] = workbook.worksheets;
    expect(sheet?.name).toBe('Customers  all  2026 ');
    const values = sheet
      ?.getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1));
    expect(values).toEqual([
      ['客户名称', '金额', '备注'],
      ['杭州茶科技', '1234.50', ''],
      ['=HYPERLINK("x")', '0.01', 'ok'],
    ]);
    expect(sheet?.getCell('A3').formula).toBeUndefined();
  });
});
