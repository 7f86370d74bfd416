import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  attachmentDisposition,
  createExportFile,
  csvField,
  exportFileName,
  exportRows,
  maskEmail,
  maskName,
  maskPhone,
  prefetchFirstPage,
  type ExportColumn,
} from './index.ts';

interface Row {
  id: number;
  name: string;
  amount: string;
  at: Date;
  email: string;
  note: string | null;
}

const columns: ExportColumn<Row>[] = [
  { header: 'ID', value: (row) => row.id },
  { header: 'Name', value: (row) => row.name, mask: 'name' },
  { header: 'Amount', value: (row) => row.amount },
  { header: 'Time', value: (row) => row.at },
  { header: 'E-mail', value: (row) => row.email, mask: 'email' },
  { header: 'Note', value: (row) => row.note },
];

const alice: Row = {
  id: 1,
  name: '张三丰',
  amount: '-12.50',
  at: new Date('2026-01-15T02:00:00Z'),
  email: 'alice@example.com',
  note: 'says "hi", then\nleaves',
};

const rows: Row[] = [
  alice,
  {
    id: 2,
    name: 'Bob',
    amount: '300.00',
    at: new Date('2026-01-16T03:04:05Z'),
    email: 'bob@example.com',
    note: '=HYPERLINK("http://evil")',
  },
  { id: 3, name: 'C', amount: '0.00', at: new Date('2026-01-17T00:00:00Z'), email: '', note: null },
];

async function* pagesOf<T>(items: readonly T[], size: number): AsyncGenerator<readonly T[]> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.resolve();
    yield items.slice(start, start + size);
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks);
}

describe('CSV export', () => {
  it('writes a UTF-8 BOM, CRLF lines and RFC 4180 quoting, masking sensitive columns', async () => {
    const text = (await readAll(exportRows('csv', columns, pagesOf(rows, 2)))).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n')).toEqual([
      'ID,Name,Amount,Time,E-mail,Note',
      '1,张**,-12.50,2026-01-15T02:00:00Z,al***@example.com,"says ""hi"", then\nleaves"',
      `2,B**,300.00,2026-01-16T03:04:05Z,bo***@example.com,"'=HYPERLINK(""http://evil"")"`,
      '3,*,0.00,2026-01-17T00:00:00Z,,',
      '',
    ]);
  });

  it('neutralises formula text but keeps plain signed numbers', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+861234')).toBe('+861234');
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-0.01')).toBe('-0.01');
    expect(csvField(true)).toBe('true');
    expect(csvField(undefined)).toBe('');
  });

  it('pulls pages lazily as the reader consumes the stream', async () => {
    let produced = 0;
    async function* many(): AsyncGenerator<readonly Row[]> {
      for (let page = 0; page < 200; page += 1) {
        produced += 1;
        await Promise.resolve();
        yield Array.from({ length: 1000 }, (_, index) => ({
          ...alice,
          id: page * 1000 + index,
        }));
      }
    }
    const stream = exportRows('csv', columns, many());
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    expect(produced).toBeLessThan(10);
    stream.destroy();
  });
});

describe('XLSX export', () => {
  it('writes a workbook with a bold header, typed cells and masked values', async () => {
    const buffer = await readAll(
      exportRows('xlsx', columns, pagesOf(rows, 1), { sheetName: 'audit/events' }),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(1);
    if (!sheet) throw new Error('the workbook has no sheet');
    expect(sheet.name).toBe('audit_events');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'ID',
      'Name',
      'Amount',
      'Time',
      'E-mail',
      'Note',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(2).value).toBe('张**');
    expect(first.getCell(3).value).toBe('-12.50');
    expect(first.getCell(4).value).toEqual(new Date('2026-01-15T02:00:00Z'));
    expect(sheet.getRow(3).getCell(6).value).toBe('=HYPERLINK("http://evil")');
    expect(sheet.rowCount).toBe(4);
  });

  it('ends the stream with the error of a failing page source', async () => {
    async function* failing(): AsyncGenerator<readonly Row[]> {
      await Promise.resolve();
      yield rows;
      throw new Error('database went away');
    }
    await expect(readAll(exportRows('xlsx', columns, failing()))).rejects.toThrow(
      'database went away',
    );
  });
});

describe('prefetchFirstPage', () => {
  it('surfaces a failing first query before the download and keeps later pages lazy', async () => {
    const broken: AsyncIterable<readonly Row[]> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new Error('invalid byte sequence')),
      }),
    };
    await expect(prefetchFirstPage(broken)).rejects.toThrow('invalid byte sequence');

    let produced = 0;
    async function* counted(): AsyncGenerator<readonly Row[]> {
      for (let page = 0; page < 3; page += 1) {
        produced += 1;
        await Promise.resolve();
        yield [{ ...alice, id: page }];
      }
    }
    const pages = await prefetchFirstPage(counted());
    expect(produced).toBe(1);
    const text = (await readAll(exportRows('csv', columns, pages))).toString('utf8');
    expect(produced).toBe(3);
    expect(text.trim().split('\r\n')).toHaveLength(4);
    const empty = await prefetchFirstPage(pagesOf<Row>([], 10));
    expect(
      (await readAll(exportRows('csv', columns, empty))).toString('utf8').trim().split('\r\n'),
    ).toHaveLength(1);
  });
});

describe('export files', () => {
  it('names the file with the export time and sets the content type', async () => {
    const file = createExportFile({
      baseName: 'audit-events',
      format: 'xlsx',
      at: new Date('2026-01-15T02:00:00Z'),
      columns,
      pages: pagesOf(rows, 10),
    });
    expect(file.fileName).toBe('audit-events-20260115T020000Z.xlsx');
    expect(file.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect((await readAll(file.body)).subarray(0, 2).toString()).toBe('PK');
    expect(exportFileName('x', 'csv', new Date('2026-02-01T10:11:12.345Z'))).toBe(
      'x-20260201T101112Z.csv',
    );
  });

  it('writes an RFC 6266 attachment disposition', () => {
    expect(attachmentDisposition('a.csv')).toBe(
      `attachment; filename="a.csv"; filename*=UTF-8''a.csv`,
    );
    expect(attachmentDisposition('审计.csv')).toBe(
      `attachment; filename="__.csv"; filename*=UTF-8''%E5%AE%A1%E8%AE%A1.csv`,
    );
  });

  it('masks names, e-mails and phones', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskEmail('a@b.cn')).toBe('***@b.cn');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('***45');
  });
});
