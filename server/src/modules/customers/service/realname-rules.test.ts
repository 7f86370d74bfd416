import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../platform/http/errors.ts';
import {
  assertCorpName,
  assertCountry,
  assertFileUrls,
  maskVerifiedNumber,
} from './realname-rules.ts';

describe('real-name file paths', () => {
  it('accepts relative image and PDF paths in order', () => {
    expect(assertFileUrls([' a/b.JPG ', 'c.pdf', 'd.gif'], 3)).toEqual([
      'a/b.JPG',
      'c.pdf',
      'd.gif',
    ]);
  });

  it.each([
    [['download/a.jpg'], 'download/'],
    [['/a.jpg'], 'relative'],
    [['https://bucket.obs/a.jpg'], 'relative'],
    [['a/../b.jpg'], '..'],
    [['a.tiff'], 'jpg/jpeg/bmp/png/gif/pdf'],
    [['noextension'], 'jpg/jpeg/bmp/png/gif/pdf'],
  ])('refuses %j', (urls, detail) => {
    expect(() => assertFileUrls(urls, null)).toThrow(detail);
  });

  it('insists on the documented number of files', () => {
    expect(() => assertFileUrls(['a.jpg'], 3)).toThrow(ApiError);
  });
});

describe('real-name fields', () => {
  it('wants a letter in the company name', () => {
    expect(assertCorpName(' 示例公司 ')).toBe('示例公司');
    expect(() => assertCorpName('123 - !')).toThrow("'corp_name'");
  });

  it('keeps null and empty countries apart', () => {
    expect(assertCountry(undefined)).toBeNull();
    expect(assertCountry(null)).toBeNull();
    expect(assertCountry('')).toBe('');
    expect(assertCountry('CN')).toBe('CN');
    expect(() => assertCountry('cn')).toThrow("'reg_country'");
  });

  it('masks identity numbers, keeping length and never the middle', () => {
    expect(maskVerifiedNumber('110101199003071234')).toBe('110***********1234');
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 40 }), (value) => {
        const masked = maskVerifiedNumber(value);
        expect(Array.from(masked)).toHaveLength(Array.from(value).length);
        if (Array.from(value).length > 4) expect(masked).toContain('*');
      }),
    );
  });
});
