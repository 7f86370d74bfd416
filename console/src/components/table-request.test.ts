import { describe, expect, it } from 'vitest';
import { dateRangeSearch, fetchAllRows, MAX_PAGE_SIZE } from './table-request';

describe('dateRangeSearch', () => {
  it('sends the picked range as the named filters in UTC without milliseconds', () => {
    const search = dateRangeSearch('sent_from', 'sent_to');
    expect(search.transform(['2026-03-01T08:00:00.000+08:00', '2026-03-02T23:59:59.999Z'])).toEqual(
      { sent_from: '2026-03-01T00:00:00Z', sent_to: '2026-03-02T23:59:59Z' },
    );
  });
});

describe('fetchAllRows', () => {
  it('walks the list in pages of the given size until a short page', async () => {
    const all = Array.from({ length: 250 }, (_, index) => index);
    const asked: { offset: number; limit: number }[] = [];
    const rows = await fetchAllRows((page) => {
      asked.push(page);
      return Promise.resolve({
        rows: all.slice(page.offset, page.offset + page.limit),
        total: all.length,
      });
    }, 100);
    expect(rows).toEqual(all);
    expect(asked).toEqual([
      { offset: 0, limit: 100 },
      { offset: 100, limit: 100 },
      { offset: 200, limit: 100 },
    ]);
  });

  it('asks for the API’s largest page unless told otherwise', async () => {
    const asked: number[] = [];
    await fetchAllRows((page) => {
      asked.push(page.limit);
      return Promise.resolve({ rows: [], total: 0 });
    });
    expect(asked).toEqual([MAX_PAGE_SIZE]);
  });
});
