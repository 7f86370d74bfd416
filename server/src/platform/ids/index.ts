import { randomBytes, randomUUID } from 'node:crypto';

/** A 32-hex-character id, the shape Huawei uses for account (domain) ids and most resource ids. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

export function newRequestId(): string {
  return randomUUID();
}

/** A random URL-safe secret of `bytes` bytes of entropy (tokens, CSRF secrets, passwords). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
