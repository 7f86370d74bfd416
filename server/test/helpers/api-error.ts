import { expect } from 'vitest';
import { ApiError } from '../../src/platform/http/errors.ts';

/**
 * Runs `work`, expects it to throw an ApiError with `code` (and, when given, naming `field`),
 * and returns the error for further checks.
 */
export async function expectApiError(
  work: () => Promise<unknown>,
  code: string,
  field?: string,
): Promise<ApiError> {
  let caught: unknown;
  try {
    await work();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected an ApiError').toBeInstanceOf(ApiError);
  const error = caught as ApiError;
  expect(error.code).toBe(code);
  if (field !== undefined) expect(error.field).toBe(field);
  return error;
}
