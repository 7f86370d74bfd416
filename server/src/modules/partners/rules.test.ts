import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  certificationAfter,
  certificationEvents,
  isUnifiedSocialCreditCode,
  xaccountTypeCandidate,
} from './rules.ts';
import { certificationStatuses } from './schema.ts';

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('unified social credit code', () => {
  it('accepts real codes with their GB 32100 check character', () => {
    expect(isUnifiedSocialCreditCode('914403001922038216')).toBe(true);
    expect(isUnifiedSocialCreditCode('91110000802100433B')).toBe(true);
  });

  it('rejects a wrong check character, the wrong length and letters outside the charset', () => {
    expect(isUnifiedSocialCreditCode('914403001922038217')).toBe(false);
    expect(isUnifiedSocialCreditCode('91440300192203821')).toBe(false);
    expect(isUnifiedSocialCreditCode('91440300192203821I')).toBe(false);
    expect(isUnifiedSocialCreditCode('91440300192203821o')).toBe(false);
  });

  it('accepts exactly one check character for any 17-character body', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...Array.from(USCC_CHARSET)), { minLength: 17, maxLength: 17 }),
        (chars) => {
          const body = chars.join('');
          const valid = Array.from(USCC_CHARSET).filter((check) =>
            isUnifiedSocialCreditCode(body + check),
          );
          expect(valid).toHaveLength(1);
        },
      ),
    );
  });
});

describe('xaccount_type', () => {
  it('is HUOBAN_ and the upper-cased name, numbered on collision, within 64 characters', () => {
    expect(xaccountTypeCandidate('a_company', 0)).toBe('HUOBAN_A_COMPANY');
    expect(xaccountTypeCandidate('a-company', 1)).toBe('HUOBAN_A_COMPANY_2');
    const long = 'x'.repeat(64);
    expect(xaccountTypeCandidate(long, 0)).toHaveLength(64);
    expect(xaccountTypeCandidate(long, 11)).toMatch(/^HUOBAN_X+_12$/);
    expect(xaccountTypeCandidate(long, 11)).toHaveLength(64);
  });
});

describe('certification state machine (SM-18)', () => {
  it('allows exactly the documented transitions', () => {
    const allowed: string[] = [];
    for (const status of certificationStatuses) {
      for (const event of certificationEvents) {
        const next = certificationAfter(status, event);
        if (next) allowed.push(`${status} -${event}-> ${next}`);
      }
    }
    expect(allowed.sort()).toEqual(
      [
        'uncertified -submit-> in_review',
        'failed -submit-> in_review',
        'certified -submit-> change_in_review',
        'in_review -approve-> certified',
        'change_in_review -approve-> certified',
        'in_review -reject-> failed',
        'change_in_review -reject-> certified',
        'in_review -record_verification_failure-> in_review',
        'locked -unlock-> in_review',
      ].sort(),
    );
  });

  it('locks on the third failed amount verification', () => {
    expect(certificationAfter('in_review', 'record_verification_failure', 0)).toBe('in_review');
    expect(certificationAfter('in_review', 'record_verification_failure', 1)).toBe('in_review');
    expect(certificationAfter('in_review', 'record_verification_failure', 2)).toBe('locked');
  });
});
