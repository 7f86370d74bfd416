import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../platform/http/errors.ts';
import {
  assertDomainName,
  associationTypeOf,
  codeTimeoutMs,
  likePattern,
  maskCustomerEmail,
  maskCustomerMobile,
  newCustomerTag,
  normaliseMobile,
  randomDomainName,
} from './rules.ts';

describe('masking', () => {
  it('keeps the first character and the domain of an e-mail', () => {
    expect(maskCustomerEmail('alice@example.com')).toBe('a***@example.com');
    expect(maskCustomerEmail('')).toBe('');
  });

  it('keeps the country code, three leading and four trailing digits of a mobile', () => {
    expect(maskCustomerMobile('0086-13800000000')).toBe('0086-138****0000');
    expect(maskCustomerMobile('')).toBe('');
  });

  it('never shows the hidden part of an e-mail local part', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const masked = maskCustomerEmail(email);
        const at = email.lastIndexOf('@');
        expect(masked.endsWith(email.slice(at))).toBe(true);
        expect(masked.length).toBeLessThanOrEqual(email.length + 3);
        const hidden = email.slice(1, at);
        if (hidden.length >= 3) expect(masked).not.toContain(hidden);
      }),
    );
  });

  it('never shows the middle four digits of a mainland mobile', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1\d{10}$/), (number) => {
        const masked = maskCustomerMobile(`0086-${number}`);
        expect(masked).toBe(`0086-${number.slice(0, 3)}****${number.slice(-4)}`);
      }),
    );
  });
});

describe('new-customer tag', () => {
  const now = new Date('2026-06-15T00:00:00Z');

  it('is empty without real-name verification', () => {
    expect(newCustomerTag({ verifiedStatus: '0', associatedOn: now }, now)).toEqual({
      customerTagType: 'SMB',
      newCustomerTag: '',
      effectiveTime: '',
      expireTime: '',
    });
  });

  it('is Y from the association month for 12 months, then N', () => {
    const associatedOn = new Date('2025-07-10T00:00:00Z');
    expect(newCustomerTag({ verifiedStatus: '2', associatedOn }, now)).toEqual({
      customerTagType: 'SMB',
      newCustomerTag: 'Y',
      effectiveTime: '2025-07',
      expireTime: '2026-07',
    });
    expect(
      newCustomerTag({ verifiedStatus: '2', associatedOn }, new Date('2026-07-01T00:00:00Z')),
    ).toMatchObject({ newCustomerTag: 'N', expireTime: '2026-07' });
  });

  it('counts months in UTC+8', () => {
    const lateUtc = new Date('2026-01-31T17:00:00Z');
    expect(newCustomerTag({ verifiedStatus: '2', associatedOn: lateUtc }, lateUtc)).toMatchObject({
      effectiveTime: '2026-02',
      expireTime: '2027-02',
    });
  });

  it('expires exactly 12 months after it takes effect and is Y only before expiry', () => {
    const start = new Date('2020-01-01T00:00:00Z').getTime();
    const span = 10 * 365 * 24 * 3600 * 1000;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span }), (a, b) => {
        const associatedOn = new Date(start + a);
        const at = new Date(start + a + b);
        const tag = newCustomerTag({ verifiedStatus: '2', associatedOn }, at);
        const [ey, em] = tag.effectiveTime.split('-').map(Number) as [number, number];
        const [xy, xm] = tag.expireTime.split('-').map(Number) as [number, number];
        expect(xy * 12 + xm - (ey * 12 + em)).toBe(12);
        const shifted = new Date(at.getTime() + 8 * 3600 * 1000);
        const current = shifted.getUTCFullYear() * 12 + shifted.getUTCMonth() + 1;
        expect(tag.newCustomerTag).toBe(current < xy * 12 + xm ? 'Y' : 'N');
      }),
    );
  });
});

describe('input rules', () => {
  it('forces timeouts above 60 minutes to 5 and defaults to 10', () => {
    expect(codeTimeoutMs(undefined)).toBe(10 * 60_000);
    expect(codeTimeoutMs(60)).toBe(60 * 60_000);
    expect(codeTimeoutMs(61)).toBe(5 * 60_000);
  });

  it('maps cooperation_type "1" to referral and anything else to resale', () => {
    expect(associationTypeOf('1')).toBe('1');
    expect(associationTypeOf('2')).toBe('2');
    expect(associationTypeOf('x')).toBe('2');
    expect(associationTypeOf(undefined)).toBe('2');
  });

  it('stores mobiles as 0086-number and refuses other countries', () => {
    expect(normaliseMobile('13800000000', 'm')).toBe('0086-13800000000');
    expect(normaliseMobile('0086-13800000000', 'm')).toBe('0086-13800000000');
    expect(() => normaliseMobile('0044-13800000000', 'm')).toThrow(ApiError);
    expect(() => normaliseMobile('12345', 'm')).toThrow(ApiError);
  });

  it('checks domain names and generates valid random ones', () => {
    expect(() => assertDomainName('op_alice', 'd')).toThrow(ApiError);
    expect(() => assertDomainName('1alice', 'd')).toThrow(ApiError);
    expect(() => assertDomainName('abc', 'd')).toThrow(ApiError);
    expect(() => assertDomainName('alice_01', 'd')).not.toThrow();
    for (let i = 0; i < 20; i += 1) {
      const name = randomDomainName();
      expect(name).toHaveLength(32);
      expect(() => assertDomainName(name, 'd')).not.toThrow();
    }
  });

  it('escapes LIKE wildcards', () => {
    expect(likePattern('a%b_c\\')).toBe('%a\\%b\\_c\\\\%');
  });
});
