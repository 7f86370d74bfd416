import { ProTable, type ProTableProps } from '@ant-design/pro-components';
import { Empty } from 'antd';
import { useRef } from 'react';
import type { CsvColumn } from './csv';
import { ExportButton } from './export-button';
import {
  fetchAllRows,
  loadTablePage,
  splitTableParams,
  type Page,
  type TableParams,
} from './table-request';

type PageRequest = { offset: number; limit: number };

interface ListTableProps<T extends object> extends Omit<
  ProTableProps<T, TableParams>,
  'request' | 'search' | 'pagination' | 'locale' | 'options'
> {
  /** One page of rows for the filters of the search form, empty ones dropped. */
  load: (filters: Record<string, string>, page: PageRequest) => Promise<Page<T>>;
  emptyText: string;
  /** The page sizes offered; 100 is left out where a page of 100 would be slow to draw. */
  pageSizes?: number[];
  /** The column-settings button; the customer portal's tables go without it. */
  columnSetting?: boolean;
  /** A CSV/XLSX export, built in the browser, of every row matching the current filters. */
  exportAs?: { fileName: string; columns: readonly CsvColumn<T>[]; pageSize?: number };
}

/**
 * A paged, filtered list: ProTable with the search form, the page sizes, the empty state and the
 * toolbar every list in the console and the portal shares, and an optional export.
 */
export function ListTable<T extends object>({
  load,
  emptyText,
  pageSizes = [10, 20, 50, 100],
  columnSetting = true,
  exportAs,
  toolBarRender,
  ...rest
}: ListTableProps<T>) {
  // Read when the export runs, so it follows the filters the table last loaded with.
  const filters = useRef<Record<string, string>>({});
  return (
    <ProTable<T, TableParams>
      {...rest}
      request={(params) => {
        const { page, filters: current } = splitTableParams(params);
        filters.current = current;
        return loadTablePage(() => load(current, page));
      }}
      search={{ labelWidth: 'auto' }}
      pagination={{ defaultPageSize: 10, showSizeChanger: true, pageSizeOptions: pageSizes }}
      locale={{ emptyText: <Empty description={emptyText} /> }}
      options={{ density: false, setting: columnSetting, reload: true }}
      toolBarRender={(action, rows) => {
        const actions = typeof toolBarRender === 'function' ? toolBarRender(action, rows) : [];
        if (!exportAs) return actions;
        return [
          ...actions,
          <ExportButton
            key="export"
            fileName={exportAs.fileName}
            columns={exportAs.columns}
            fetchRows={() => fetchAllRows((page) => load(filters.current, page), exportAs.pageSize)}
          />,
        ];
      }}
    />
  );
}
