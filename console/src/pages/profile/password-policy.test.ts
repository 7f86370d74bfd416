import { describe, expect, test } from 'vitest';
import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  test('accepts 8–32 characters mixing two character classes', () => {
    expect(passwordProblem('Huoban@2026')).toBeNull();
    expect(passwordProblem('abcdefg1')).toBeNull();
    expect(passwordProblem(`${'a'.repeat(31)}1`)).toBeNull();
  });

  test('refuses a length outside 8–32', () => {
    expect(passwordProblem('Ab1!')).toBe('length');
    expect(passwordProblem(`${'a'.repeat(32)}1`)).toBe('length');
  });

  test('refuses a single character class', () => {
    expect(passwordProblem('abcdefgh')).toBe('classes');
    expect(passwordProblem('12345678')).toBe('classes');
  });

  test('refuses the user name forwards or backwards, ignoring case', () => {
    expect(passwordProblem('Am_E2E_user1', 'am_e2e_user1')).toBe('userName');
    expect(passwordProblem('1resu_e2e_ma', 'am_e2e_user1')).toBe('userName');
    expect(passwordProblem('Am_E2E_user1', 'someone_else')).toBeNull();
  });
});
