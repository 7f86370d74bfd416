import { describe, expect, it } from 'vitest';
import { canResend, canRevoke, listFilters, parseEmailList } from './development-rules';

describe('parseEmailList', () => {
  it('splits on lines, commas and semicolons, full-width ones included', () => {
    expect(parseEmailList('a@x.com\nb@x.com, c@x.com;d@x.com，e@x.com；f@x.com')).toEqual([
      'a@x.com',
      'b@x.com',
      'c@x.com',
      'd@x.com',
      'e@x.com',
      'f@x.com',
    ]);
  });

  it('drops blanks and keeps the first of addresses equal but for case', () => {
    expect(parseEmailList('  \nA@x.com\n\na@X.com  b@x.com\n')).toEqual(['A@x.com', 'b@x.com']);
    expect(parseEmailList('   ')).toEqual([]);
  });
});

describe('invitation actions', () => {
  it('resends and revokes only open invitations', () => {
    expect(canResend('expired')).toBe(true);
    expect(canResend('associated')).toBe(false);
    expect(canResend('revoked')).toBe(false);
    expect(canRevoke('invited')).toBe(true);
    expect(canRevoke('associated')).toBe(false);
  });
});

describe('listFilters', () => {
  it('drops the page tab and keeps the filters', () => {
    expect(listFilters({ tab: 'history', outcome: 'failed' })).toEqual({ outcome: 'failed' });
  });
});
