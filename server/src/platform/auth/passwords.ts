import { hash, verify } from '@node-rs/argon2';
import { invalidParameter } from '../http/errors.ts';

/** argon2id with OWASP's recommended memory and time cost. */
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** True when `password` matches; false (never a throw) for a malformed stored hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Huawei's password policy in short: 8–32 characters with at least two of lower case, upper case,
 * digits and special characters, and not the user name (forwards or backwards).
 */
export function assertPasswordPolicy(password: string, field: string, userName?: string): void {
  if (password.length < 8 || password.length > 32) {
    throw invalidParameter(field, 'must be 8 to 32 characters long');
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((pattern) =>
    pattern.test(password),
  );
  if (classes.length < 2) {
    throw invalidParameter(
      field,
      'must mix at least two of lower case, upper case, digits and special characters',
    );
  }
  if (userName) {
    const lower = password.toLowerCase();
    const name = userName.toLowerCase();
    if (lower === name || lower === Array.from(name).reverse().join('')) {
      throw invalidParameter(field, 'must not be the user name or the user name reversed');
    }
  }
}
