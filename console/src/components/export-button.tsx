import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, reportError } from '../api/errors';
import { saveCsv, toCsv, type CsvColumn } from './csv';

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
