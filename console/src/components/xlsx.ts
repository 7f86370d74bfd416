import { saveBlob } from '../api/client';
import type { CsvColumn } from './csv';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Rows as an Excel workbook of one sheet. ExcelJS is loaded on the first export only, so the
 * console's start-up bundle does not carry it. Cells are written as values, never formulas.
 */
export async function toXlsx<T>(
  rows: readonly T[],
  columns: readonly CsvColumn<T>[],
  sheetName: string,
): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // Excel refuses sheet names over 31 characters or with []:*?/\
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
  sheet.addRow(columns.map((column) => column.title));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((column) => column.value(row) ?? ''));
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  return workbook.xlsx.writeBuffer();
}

export async function saveXlsx<T>(
  rows: readonly T[],
  columns: readonly CsvColumn<T>[],
  sheetName: string,
  fileName: string,
): Promise<void> {
  const buffer = await toXlsx(rows, columns, sheetName);
  saveBlob(new Blob([buffer], { type: XLSX_TYPE }), fileName);
}
