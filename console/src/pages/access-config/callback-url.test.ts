import { describe, expect, it } from 'vitest';
import { callbackUrlProblem, isPlainHttp, MAX_CALLBACK_URL_LENGTH } from './callback-url';

describe('callbackUrlProblem', () => {
  it('accepts http(s) URLs and the empty value that clears', () => {
    expect(callbackUrlProblem('')).toBeNull();
    expect(callbackUrlProblem('  ')).toBeNull();
    expect(callbackUrlProblem('https://partner.example.com/bind?x=1')).toBeNull();
    expect(callbackUrlProblem('http://10.0.0.8:8080/notify')).toBeNull();
  });

  it('refuses relative, non-http and credential-bearing URLs', () => {
    expect(callbackUrlProblem('/notify')).toBe('notHttp');
    expect(callbackUrlProblem('ftp://example.com/notify')).toBe('notHttp');
    expect(callbackUrlProblem('javascript:alert(1)')).toBe('notHttp');
    expect(callbackUrlProblem('https://user:pw@example.com/')).toBe('hasCredentials');
  });

  it('refuses URLs longer than the server stores', () => {
    const base = 'https://example.com/';
    const exact = base + 'a'.repeat(MAX_CALLBACK_URL_LENGTH - base.length);
    expect(callbackUrlProblem(exact)).toBeNull();
    expect(callbackUrlProblem(`${exact}a`)).toBe('tooLong');
  });

  it('flags plain HTTP for the HTTPS recommendation', () => {
    expect(isPlainHttp('HTTP://example.com')).toBe(true);
    expect(isPlainHttp('https://example.com')).toBe(false);
  });
});
