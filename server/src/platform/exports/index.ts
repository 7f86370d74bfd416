import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import ExcelJS from 'exceljs';
import { toWireTime } from '../http/schemas.ts';

/**
 * Console list exports (DESIGN.md: every console list can be exported). A module describes its
 * columns once and hands over its rows as an async sequence of pages; this file writes CSV or
 * XLSX as a stream, so an export of 100 000 rows never holds them all in memory.
 */

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export type ExportValue = string | number | boolean | Date | null | undefined;

/** Sensitive kinds that exports anonymise (X3: customer name, mobile, e-mail). */
export type SensitiveKind = 'name' | 'email' | 'phone';

export interface ExportColumn<T> {
  header: string;
  value: (row: T) => ExportValue;
  /** XLSX column width in characters. */
  width?: number;
  /** Masks the value in the file (X3). */
  mask?: SensitiveKind;
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Readable;
}

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Excel opens a CSV as UTF-8 only when it starts with a byte-order mark. */
const UTF8_BOM = '\uFEFF';

/** `张三丰` → `张**`; one character stays visible so the row can still be recognised. */
export function maskName(value: string): string {
  const chars = Array.from(value);
  if (chars.length <= 1) return '*';
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 1)}`;
}

/** `alice@example.com` → `al***@example.com`. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return maskName(value);
  const local = value.slice(0, at);
  return `${local.slice(0, Math.min(2, Math.max(local.length - 1, 0)))}***${value.slice(at)}`;
}

/** `13812345678` → `138****5678`; short numbers keep only their last two digits. */
export function maskPhone(value: string): string {
  if (value.length >= 7) return `${value.slice(0, 3)}****${value.slice(-4)}`;
  return `${'*'.repeat(Math.max(value.length - 2, 1))}${value.slice(-2)}`;
}

const maskers: Record<SensitiveKind, (value: string) => string> = {
  name: maskName,
  email: maskEmail,
  phone: maskPhone,
};

function cellValue<T>(column: ExportColumn<T>, row: T): ExportValue {
  const value = column.value(row);
  if (column.mask && typeof value === 'string' && value !== '') return maskers[column.mask](value);
  return value;
}

/** A plain number (amounts are decimal strings) is data, not a formula. */
const NUMERIC = /^[+-]?\d+(\.\d+)?$/;

/**
 * One CSV field per RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled.
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed
 * with `'` (OWASP CSV injection), except plain numbers such as `-12.50`.
 */
export function csvField(value: ExportValue): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (value instanceof Date) text = toWireTime(value) ?? '';
  else if (typeof value === 'string') {
    text = /^[=+\-@\t\r]/.test(value) && !NUMERIC.test(value) ? `'${value}` : value;
  } else text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function* csvChunks<T>(
  columns: readonly ExportColumn<T>[],
  pages: AsyncIterable<readonly T[]>,
): AsyncGenerator<string> {
  yield UTF8_BOM + columns.map((column) => csvField(column.header)).join(',') + '\r\n';
  for await (const page of pages) {
    if (page.length === 0) continue;
    yield page
      .map((row) => columns.map((column) => csvField(cellValue(column, row))).join(',') + '\r\n')
      .join('');
  }
}

function xlsxCell(value: ExportValue): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  return value;
}

async function writeXlsx<T>(
  out: PassThrough,
  columns: readonly ExportColumn<T>[],
  pages: AsyncIterable<readonly T[]>,
  sheetName: string,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  // Excel limits sheet names to 31 characters without []:*?/\.
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, '_').slice(0, 31));
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width ?? Math.max(12, column.header.length + 2),
  }));
  sheet.getRow(1).font = { bold: true };
  for await (const page of pages) {
    for (const row of page) {
      const added = sheet.addRow(columns.map((column) => xlsxCell(cellValue(column, row))));
      added.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd hh:mm:ss';
      });
      added.commit();
    }
    // Fetch the next page only when the client has taken what we wrote (flat memory).
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * Streams `pages` as a CSV (UTF-8 with BOM, CRLF, RFC 4180) or XLSX file. Rows are pulled page by
 * page as the client reads, so the caller can fetch from the database lazily; an error while
 * reading pages ends the stream with that error.
 */
export function exportRows<T>(
  format: ExportFormat,
  columns: readonly ExportColumn<T>[],
  pages: AsyncIterable<readonly T[]>,
  options: { sheetName?: string } = {},
): Readable {
  if (format === 'csv') return Readable.from(csvChunks(columns, pages), { objectMode: false });
  const out = new PassThrough();
  writeXlsx(out, columns, pages, options.sheetName ?? 'Sheet1').catch((error: unknown) => {
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return out;
}

/**
 * Reads the first page before the download starts, so a failing query (bad filter value, lost
 * database) becomes an ordinary error answer instead of a response cut off after its headers.
 * The remaining pages are still read lazily.
 */
export async function prefetchFirstPage<T>(
  pages: AsyncIterable<readonly T[]>,
): Promise<AsyncIterable<readonly T[]>> {
  const iterator = pages[Symbol.asyncIterator]();
  const first = await iterator.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        yield next.value;
    },
  };
}

/** `audit-events-20260115T020000Z.csv`: the base name, the export time in UTC and the extension. */
export function exportFileName(base: string, format: ExportFormat, at: Date): string {
  const stamp = (toWireTime(at) ?? '').replace(/[-:]/g, '');
  return `${base}-${stamp}.${format}`;
}

/** The `Content-Disposition` value of a download (RFC 6266, with a UTF-8 name for non-ASCII). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The 200 answer of every export route in the OpenAPI document: the file itself. */
export const ExportFileResponseSchema = Type.Unsafe<Readable>({
  type: 'string',
  format: 'binary',
  description: 'CSV (UTF-8 with BOM) or XLSX file',
});

/** Answers an export route with the file as a download. */
export function sendExportFile(reply: FastifyReply, file: ExportFile): FastifyReply {
  return reply
    .type(file.contentType)
    .header('Content-Disposition', attachmentDisposition(file.fileName))
    .send(file.body);
}

/** Builds the file of an export: name, content type and the streamed body. */
export function createExportFile<T>(input: {
  baseName: string;
  format: ExportFormat;
  at: Date;
  columns: readonly ExportColumn<T>[];
  pages: AsyncIterable<readonly T[]>;
  sheetName?: string;
}): ExportFile {
  return {
    fileName: exportFileName(input.baseName, input.format, input.at),
    contentType: exportContentTypes[input.format],
    body: exportRows(input.format, input.columns, input.pages, {
      sheetName: input.sheetName ?? input.baseName,
    }),
  };
}
