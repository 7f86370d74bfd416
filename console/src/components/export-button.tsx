import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveBlob } from '../api/client';
import { notifySuccess, reportError } from '../api/errors';

export interface CsvColumn<T> {
  title: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * Spreadsheet programs run cells starting with these characters as formulas; a leading quote
 * keeps exported user input inert (CSV injection).
 */
const formulaStart = /^[=+\-@\t\r]/;

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((column) => csvCell(column.title)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvCell(column.value(row))).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Saves CSV text with a byte-order mark, so spreadsheet programs read Chinese text as UTF-8. */
export function saveCsv(text: string, fileName: string): void {
  saveBlob(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }), fileName);
}

interface ExportButtonProps<T> {
  /** File name without the date suffix or extension. */
  fileName: string;
  columns: readonly CsvColumn<T>[];
  /** All rows matching the list's current filters (not only the visible page). */
  fetchRows: () => Promise<T[]>;
}

/** Exports the rows of a list's current filter as CSV, built in the browser. */
export function ExportButton<T>({ fileName, columns, fetchRows }: ExportButtonProps<T>) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const rows = await fetchRows();
      const stamp = new Date().toISOString().slice(0, 10);
      saveCsv(toCsv(rows, columns), `${fileName}-${stamp}.csv`);
      notifySuccess(t('export.done', { count: rows.length }));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()}>
      {t('actions.export')}
    </Button>
  );
}
