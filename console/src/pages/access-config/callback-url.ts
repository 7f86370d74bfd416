/** Longest callback URL the server stores. */
export const MAX_CALLBACK_URL_LENGTH = 1024;

export type CallbackUrlProblem = 'tooLong' | 'notHttp' | 'hasCredentials';

/**
 * The same rule the server applies (absolute http(s), at most 1024 characters, no user
 * information), checked in the form so the user sees it before saving. '' is valid: it clears.
 */
export function callbackUrlProblem(value: string): CallbackUrlProblem | null {
  const url = value.trim();
  if (url === '') return null;
  if (url.length > MAX_CALLBACK_URL_LENGTH) return 'tooLong';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'notHttp';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'notHttp';
  if (parsed.username || parsed.password) return 'hasCredentials';
  return null;
}

/** HTTPS is recommended (P-70): plain HTTP shows a warning but is allowed. */
export function isPlainHttp(value: string): boolean {
  return value.trim().toLowerCase().startsWith('http://');
}
