/**
 * Glue between ProTable and the paged console API: ProTable speaks `current`/`pageSize`, the API
 * `offset`/`limit` and `total_count`.
 */

/** The largest page the API serves; exports walk the list in pages of this size. */
export const MAX_PAGE_SIZE = 200;

/** Rows an in-browser export collects at most, so a huge list cannot freeze the tab. */
export const MAX_EXPORT_ROWS = 10_000;

export interface TableParams {
  current?: number;
  pageSize?: number;
  [filter: string]: unknown;
}

export interface Page<T> {
  total: number;
  rows: T[];
}

/** ProTable's paging turned into the API's, plus the filters with empty values dropped. */
export function splitTableParams(params: TableParams): {
  page: { offset: number; limit: number };
  filters: Record<string, string>;
} {
  const { current = 1, pageSize = 10, ...rest } = params;
  const filters: Record<string, string> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === 'string' && value.trim() !== '') filters[key] = value.trim();
    else if (typeof value === 'number' || typeof value === 'boolean') filters[key] = String(value);
  }
  return { page: { offset: (current - 1) * pageSize, limit: pageSize }, filters };
}

/** A picked moment as the API reads times: UTC without milliseconds (`2026-03-01T00:00:00Z`). */
function wireTime(value: string): string {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The `search` of a `dateRange` column: the picked range sent as the `from` and `to` filters. */
export function dateRangeSearch(from: string, to: string) {
  return {
    transform: (value: [string, string]) => ({
      [from]: wireTime(value[0]),
      [to]: wireTime(value[1]),
    }),
  };
}

/**
 * Runs a page load for ProTable. A failure was already reported by the query client, so the
 * table just shows its empty state.
 */
export async function loadTablePage<T>(load: () => Promise<Page<T>>) {
  try {
    const { rows, total } = await load();
    return { data: rows, total, success: true };
  } catch {
    return { data: [] as T[], total: 0, success: false };
  }
}

/**
 * Every row of a filtered list, page by page, up to `MAX_EXPORT_ROWS`; `pageSize` is for the
 * routes that serve fewer than `MAX_PAGE_SIZE` a page (the customer portal's serve 100).
 */
export async function fetchAllRows<T>(
  loadPage: (page: { offset: number; limit: number }) => Promise<Page<T>>,
  pageSize = MAX_PAGE_SIZE,
) {
  const rows: T[] = [];
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += pageSize) {
    const page = await loadPage({ offset, limit: pageSize });
    rows.push(...page.rows);
    if (page.rows.length < pageSize || rows.length >= page.total) break;
  }
  return rows;
}
