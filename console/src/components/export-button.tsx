import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, reportError } from '../api/errors';
import { saveCsv, toCsv, type CsvColumn } from './csv';
import { saveXlsx } from './xlsx';

interface ExportButtonProps<T> {
  /** File name without the date suffix or extension. */
  fileName: string;
  columns: readonly CsvColumn<T>[];
  /** All rows matching the list's current filters (not only the visible page). */
  fetchRows: () => Promise<T[]>;
}

type ExportFormat = 'csv' | 'xlsx';

/** Exports the rows of a list's current filter as CSV or Excel, built in the browser. */
export function ExportButton<T>({ fileName, columns, fetchRows }: ExportButtonProps<T>) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async (format: ExportFormat) => {
    setBusy(true);
    try {
      const rows = await fetchRows();
      const name = `${fileName}-${new Date().toISOString().slice(0, 10)}.${format}`;
      if (format === 'csv') saveCsv(toCsv(rows, columns), name);
      else await saveXlsx(rows, columns, fileName, name);
      notifySuccess(t('export.done', { count: rows.length }));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'csv', label: t('export.csv') },
          { key: 'xlsx', label: t('export.xlsx') },
        ],
        onClick: ({ key }) => void run(key as ExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy}>
        {t('actions.export')}
      </Button>
    </Dropdown>
  );
}
