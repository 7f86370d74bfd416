import { randomBytes } from 'node:crypto';
import { invalidParameter } from '../../platform/http/errors.ts';
import { HOUR_MS, MINUTE_MS } from '../../platform/clock/index.ts';
import type { AssociationType } from './schema.ts';

/** CheckUserIdentity: how many customer accounts one phone number may register. */
export const ACCOUNTS_PER_MOBILE = 5;

/** SendVerificationMessageCode: codes live 10 minutes by default; more than 60 is forced to 5. */
export const DEFAULT_CODE_TIMEOUT_MINUTES = 10;
export const MAX_CODE_TIMEOUT_MINUTES = 60;
export const FORCED_CODE_TIMEOUT_MINUTES = 5;
/** At most this many codes per phone within `CODE_SEND_WINDOW_MS` (CBC.99000082 beyond). */
export const MAX_CODES_PER_WINDOW = 5;
export const CODE_SEND_WINDOW_MS = HOUR_MS;
/** Wrong codes tolerated before a code is spent. */
export const MAX_CODE_FAILED_ATTEMPTS = 5;
/** Scenes of SendVerificationMessageCode: 29 registration, 18 bank-card real-name auth. */
export const SCENE_REGISTRATION = 29;
export const SCENE_BANK_CARD_AUTH = 18;

/** ListSubCustomers paging bounds (catalog: offset 0–40,000,000, limit 1–100). */
export const LIST_MAX_OFFSET = 40_000_000;
export const LIST_MAX_LIMIT = 100;
/** ListSubCustomerNewTag: at most 200 per page and 200 ids per request. */
export const NEW_TAG_MAX_LIMIT = 200;
/** Console batch assignment: at most 100 customers per request. */
export const MAX_BATCH_CUSTOMERS = 100;
/** The new-customer tag (新客标签) lasts 12 months from the association month. */
export const NEW_CUSTOMER_TAG_MONTHS = 12;

/** Roles whose holders can be given customers (R-AM). */
export const ACCOUNT_MANAGER_ROLE_CODES = ['account_manager', 'am_supervisor'] as const;

const NAME_PATTERN = /^[a-zA-Z_-][a-zA-Z0-9_-]*$/;
const CHECK_NAME_PATTERN = /^([a-zA-Z-]([a-zA-Z0-9_-]){4,31})$/;
const RESERVED_PREFIXES = ['op_', 'shadow_'];
/** Wire mobile in CheckUserIdentity: `0086-13800000000`; only 0086 is served. */
const COUNTRY_MOBILE_PATTERN = /^(\d{4})-(\d+)$/;
/** A mainland-China mobile number. */
const MAINLAND_MOBILE_PATTERN = /^1\d{10}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function assertNotReserved(name: string, field: string): void {
  const lower = name.toLowerCase();
  if (RESERVED_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
    throw invalidParameter(field, 'must not start with op_ or shadow_');
  }
  if (/^\d+$/.test(name)) throw invalidParameter(field, 'must not be all digits');
}

/** CheckUserIdentity's name rule: 5–32 characters, a letter or `-` first. */
export function assertCheckableName(name: string, field: string): void {
  if (!CHECK_NAME_PATTERN.test(name)) {
    throw invalidParameter(
      field,
      'must be 5 to 32 letters, digits, _ or -, starting with a letter or -',
    );
  }
  assertNotReserved(name, field);
}

/** CreateSubCustomer's `domain_name` rule: 5–32 characters, a letter, `_` or `-` first. */
export function assertDomainName(name: string, field: string): void {
  if (name.length < 5 || name.length > 32 || !NAME_PATTERN.test(name)) {
    throw invalidParameter(
      field,
      'must be 5 to 32 letters, digits, _ or -, not starting with a digit',
    );
  }
  assertNotReserved(name, field);
}

/** A random 32-character account name for customers created without one. */
export function randomDomainName(): string {
  return `c${randomBytes(16).toString('hex').slice(0, 31)}`;
}

/**
 * Normalises a mobile to the stored form `0086-13800000000`. Accepts the bare mainland number or
 * the country-code form; only mainland China (0086) is served, as on Huawei's site.
 */
export function normaliseMobile(value: string, field: string): string {
  const trimmed = value.trim();
  const withCountry = COUNTRY_MOBILE_PATTERN.exec(trimmed);
  const country = withCountry ? withCountry[1] : '0086';
  const number = withCountry ? (withCountry[2] ?? '') : trimmed;
  if (country !== '0086') throw invalidParameter(field, 'only 0086 (mainland China) is supported');
  if (!MAINLAND_MOBILE_PATTERN.test(number)) {
    throw invalidParameter(field, 'is not a mainland-China mobile number');
  }
  return `0086-${number}`;
}

/** CheckUserIdentity's mobile form `00XX-XXXXXXXX`, 0086 only. */
export function assertCountryMobile(value: string, field: string): string {
  if (!COUNTRY_MOBILE_PATTERN.test(value)) {
    throw invalidParameter(field, 'must look like 0086-13800000000');
  }
  return normaliseMobile(value, field);
}

export function assertEmail(value: string, field: string): string {
  const email = value.trim();
  if (email.length > 64 || !EMAIL_PATTERN.test(email)) {
    throw invalidParameter(field, 'is not an e-mail address');
  }
  return email;
}

/** The code's lifetime from the request's `timeout` (minutes): default 10, above 60 forced to 5. */
export function codeTimeoutMs(timeout: number | undefined): number {
  const minutes =
    timeout === undefined
      ? DEFAULT_CODE_TIMEOUT_MINUTES
      : timeout > MAX_CODE_TIMEOUT_MINUTES
        ? FORCED_CODE_TIMEOUT_MINUTES
        : timeout;
  return minutes * MINUTE_MS;
}

/** `cooperation_type` "1" is referral; anything else (or nothing) is resale. */
export function associationTypeOf(cooperationType: string | null | undefined): AssociationType {
  return cooperationType === '1' ? '1' : '2';
}

/** CreateSubCustomer's extra password rule: the password must not contain the phone number. */
export function assertPasswordAvoidsMobile(password: string, mobile: string, field: string): void {
  const number = mobile.split('-').at(-1) ?? '';
  if (number !== '' && password.includes(number)) {
    throw invalidParameter(field, 'must not contain the mobile number');
  }
}

/** `alice@example.com` → `a***@example.com`: the first character and the domain stay. */
export function maskCustomerEmail(value: string): string {
  if (value === '') return '';
  const at = value.lastIndexOf('@');
  if (at <= 0) return `${Array.from(value)[0] ?? ''}***`;
  return `${Array.from(value.slice(0, at))[0] ?? ''}***${value.slice(at)}`;
}

/** `0086-13800000000` → `0086-138****0000`: the country code, 3 leading and 4 trailing digits stay. */
export function maskCustomerMobile(value: string): string {
  if (value === '') return '';
  const dash = value.lastIndexOf('-');
  const prefix = dash >= 0 ? value.slice(0, dash + 1) : '';
  const number = dash >= 0 ? value.slice(dash + 1) : value;
  if (number.length < 8) return `${prefix}${'*'.repeat(number.length)}`;
  return `${prefix}${number.slice(0, 3)}****${number.slice(-4)}`;
}

export interface NewCustomerTag {
  customerTagType: 'SMB';
  newCustomerTag: '' | 'Y' | 'N';
  effectiveTime: string;
  expireTime: string;
}

/** Billing months are UTC+8 (conventions §7). */
const BILLING_OFFSET_MS = 8 * HOUR_MS;

function billingMonth(at: Date): { year: number; month: number } {
  const shifted = new Date(at.getTime() + BILLING_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() };
}

function formatMonth(year: number, month: number): string {
  const total = year * 12 + month;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/**
 * The SMB new-customer tag: a real-name verified customer (`verified_status` "2") is new ('Y')
 * for 12 months from its association month, then not new ('N'); a customer without real-name
 * verification gets an empty tag.
 */
export function newCustomerTag(
  customer: { verifiedStatus: string; associatedOn: Date },
  now: Date,
): NewCustomerTag {
  if (customer.verifiedStatus !== '2') {
    return { customerTagType: 'SMB', newCustomerTag: '', effectiveTime: '', expireTime: '' };
  }
  const start = billingMonth(customer.associatedOn);
  const current = billingMonth(now);
  const monthsSince = (current.year - start.year) * 12 + (current.month - start.month);
  return {
    customerTagType: 'SMB',
    newCustomerTag: monthsSince < NEW_CUSTOMER_TAG_MONTHS ? 'Y' : 'N',
    effectiveTime: formatMonth(start.year, start.month),
    expireTime: formatMonth(start.year, start.month + NEW_CUSTOMER_TAG_MONTHS),
  };
}

/** LIKE treats `%`, `_` and the escape character as patterns; a filter means its literal text. */
export function likePattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
