import { describe, expect, test } from 'vitest';
import { isUnifiedSocialCreditCode } from './certification-rules';

describe('isUnifiedSocialCreditCode (GB 32100)', () => {
  test('accepts a code whose last character is the check character', () => {
    expect(isUnifiedSocialCreditCode('91310000MA1K3YJ12K')).toBe(true);
  });

  test('refuses a wrong check character, a wrong length or a letter outside the charset', () => {
    expect(isUnifiedSocialCreditCode('91310000MA1K3YJ12A')).toBe(false);
    expect(isUnifiedSocialCreditCode('91310000MA1K3YJ12')).toBe(false);
    expect(isUnifiedSocialCreditCode('91310000MA1K3YJ1IK')).toBe(false);
    expect(isUnifiedSocialCreditCode('91310000ma1k3yj12k')).toBe(false);
  });
});
