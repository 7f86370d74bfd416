import { describe, expect, test } from 'vitest';
import { RESEND_INTERVAL_SECONDS, secondsUntilResend } from './countdown';

describe('resend countdown', () => {
  test('no code sent yet means a code may be requested now', () => {
    expect(secondsUntilResend(null, 1_000)).toBe(0);
  });

  test('counts whole seconds down from the interval after a send', () => {
    expect(secondsUntilResend(10_000, 10_000)).toBe(RESEND_INTERVAL_SECONDS);
    expect(secondsUntilResend(10_000, 10_001)).toBe(RESEND_INTERVAL_SECONDS);
    expect(secondsUntilResend(10_000, 10_000 + 59_001)).toBe(1);
  });

  test('reaches zero at the interval and stays there', () => {
    expect(secondsUntilResend(10_000, 70_000)).toBe(0);
    expect(secondsUntilResend(10_000, 500_000)).toBe(0);
  });
});
