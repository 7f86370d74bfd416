import { describe, expect, it } from 'vitest';
import { dateRangeSearch } from './table-request';

describe('dateRangeSearch', () => {
  it('sends the picked range as the named filters in UTC without milliseconds', () => {
    const search = dateRangeSearch('sent_from', 'sent_to');
    expect(search.transform(['2026-03-01T08:00:00.000+08:00', '2026-03-02T23:59:59.999Z'])).toEqual(
      { sent_from: '2026-03-01T00:00:00Z', sent_to: '2026-03-02T23:59:59Z' },
    );
  });
});
