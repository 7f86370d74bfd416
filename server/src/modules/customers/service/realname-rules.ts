import { invalidParameter } from '../../../platform/http/errors.ts';

/** `identify_type` of individuals: 0 identity document, 4 bank card. */
export const IDENTIFY_PERSONAL_DOCUMENT = 0;
export const IDENTIFY_BANK_CARD = 4;
/** `identify_type` of enterprises: 1 organisation document. */
export const IDENTIFY_ORGANISATION = 1;

/** Passport, HK/Macao pass, Taiwan pass, HK/Macao and Taiwan residence permits. */
export const VERIFIED_TYPES = [3, 5, 6, 9, 10] as const;
/** Business licence, public institution, social organisation, administrative enforcement, organisation code, other. */
export const CERTIFICATE_TYPES = [0, 1, 2, 3, 4, 99] as const;

/** Identity documents are three images in a fixed order. */
export const PERSONAL_DOCUMENT_FILES = 3;
/** Enterprise: the organisation document, then the representative's ID front and back. */
export const ENTERPRISE_FILES_WITH_PERSON = 3;

const FILE_EXTENSIONS = ['jpg', 'jpeg', 'bmp', 'png', 'gif', 'pdf'];
const MAX_PATH_LENGTH = 512;
const BANK_ACCOUNT_PATTERN = /^[0-9a-zA-Z][0-9a-zA-Z-]*$/;
const COUNTRY_PATTERN = /^[A-Z]{2}$/;

/**
 * Checks the ordered file list: relative paths inside the bucket's `download/` directory, named
 * without the bucket or the `download/` prefix, with an accepted image or PDF extension.
 */
export function assertFileUrls(urls: readonly string[], expected: number | null): string[] {
  const field = 'verified_file_url';
  if (urls.length === 0) throw invalidParameter(field, 'must name at least one file');
  if (expected !== null && urls.length !== expected) {
    throw invalidParameter(field, `must name exactly ${expected} files, in order`);
  }
  return urls.map((raw) => {
    const url = raw.trim();
    if (url === '' || url.length > MAX_PATH_LENGTH) {
      throw invalidParameter(field, `each path must have 1 to ${MAX_PATH_LENGTH} characters`);
    }
    if (url.includes('://') || url.startsWith('/') || url.includes('\\')) {
      throw invalidParameter(field, `'${url}' must be a relative path without the bucket`);
    }
    if (url.toLowerCase().startsWith('download/')) {
      throw invalidParameter(field, `'${url}' must not repeat the download/ prefix`);
    }
    if (url.split('/').some((segment) => segment === '..' || segment === '.' || segment === '')) {
      throw invalidParameter(field, `'${url}' must not contain empty, . or .. segments`);
    }
    const extension = url.slice(url.lastIndexOf('.') + 1).toLowerCase();
    if (!url.includes('.') || !FILE_EXTENSIONS.includes(extension)) {
      throw invalidParameter(field, `'${url}' must be a ${FILE_EXTENSIONS.join('/')} file`);
    }
    return url;
  });
}

/** A required text field, trimmed; blank is refused. */
export function requiredText(value: string, field: string, maxLength: number): string {
  const text = value.trim();
  if (text === '') throw invalidParameter(field, 'must not be blank');
  if (text.length > maxLength)
    throw invalidParameter(field, `must be at most ${maxLength} characters`);
  return text;
}

/** `corp_name` must contain a letter: not only digits, punctuation or spaces. */
export function assertCorpName(value: string): string {
  const name = requiredText(value, 'corp_name', 256);
  if (!/\p{L}/u.test(name)) {
    throw invalidParameter('corp_name', 'must not consist only of digits, symbols or spaces');
  }
  return name;
}

/** ISO 3166 alpha-2 country; "" and null pass through (null leaves it unset). */
export function assertCountry(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (value === '') return '';
  if (!COUNTRY_PATTERN.test(value)) {
    throw invalidParameter('reg_country', 'must be an ISO 3166 alpha-2 code such as CN');
  }
  return value;
}

export function assertBankAccount(value: string): string {
  const account = value.trim();
  if (account.length > 64 || !BANK_ACCOUNT_PATTERN.test(account)) {
    throw invalidParameter(
      'bank_card_info.bank_account',
      'must start with a letter or digit and contain only letters, digits and -',
    );
  }
  return account;
}

/** Keeps the first and last characters of an identity number: `110101********1234`. */
export function maskVerifiedNumber(value: string): string {
  const chars = Array.from(value);
  if (chars.length <= 4) return '*'.repeat(chars.length);
  const keepStart = chars.length >= 10 ? 3 : 1;
  const keepEnd = chars.length >= 10 ? 4 : 2;
  return [
    ...chars.slice(0, keepStart),
    '*'.repeat(chars.length - keepStart - keepEnd),
    ...chars.slice(-keepEnd),
  ].join('');
}
