import { describe, expect, test } from 'vitest';
import { maskEmail, maskPhone } from './mask';

describe('masking (X1)', () => {
  test('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86-13812345678')).toBe('+86****5678');
  });

  test('hides short values almost entirely', () => {
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('123456')).toBe('****56');
    expect(maskPhone('')).toBe('');
  });

  test('keeps the first letter and the domain of an e-mail address', () => {
    expect(maskEmail('alice@example.com')).toBe('a***@example.com');
    expect(maskEmail(null)).toBe('');
  });
});
