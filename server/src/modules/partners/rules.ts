import type { CertificationStatus, PartnerType } from './schema.ts';

/** The partner types a programme (and a partner created in it) carries; `operator` is not one. */
export const programPartnerTypes = [
  'solution_provider',
  'tier1_distributor',
  'reseller',
] as const satisfies readonly PartnerType[];
export type ProgramPartnerType = (typeof programPartnerTypes)[number];

/** Account names (domain names): 3–64 letters, digits, `_` or `-`; they are login names too. */
export const ACCOUNT_NAME_PATTERN = /^[A-Za-z0-9_-]{3,64}$/;

/** Deliberately loose: one `@`, a dotted domain, no spaces. The code sent to it proves the rest. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Digits with an optional leading `+`, spaces or dashes (landlines carry area codes). */
export const PHONE_PATTERN = /^\+?[0-9][0-9 -]{4,30}$/;

/** Sign-up e-mail codes: 6 digits, valid 30 minutes, 5 wrong tries, one code per minute. */
export const SIGN_UP_CODE_TTL_MS = 30 * 60_000;
export const SIGN_UP_MAX_FAILED_ATTEMPTS = 5;
export const SIGN_UP_RESEND_INTERVAL_MS = 60_000;

/** R-BIZ-06: the third failed amount verification locks the certification. */
export const MAX_VERIFICATION_FAILURES = 3;

const XACCOUNT_PREFIX = 'HUOBAN_';
const XACCOUNT_MAX_LENGTH = 64;

/**
 * The `xaccount_type` of an account: `HUOBAN_<NAME>` in upper case. Different names can meet
 * (`a-b` and `A_B`) and long names are cut to the column width, so later attempts add `_<n>`.
 */
export function xaccountTypeCandidate(name: string, attempt: number): string {
  const base = XACCOUNT_PREFIX + name.toUpperCase().replaceAll('-', '_');
  const suffix = attempt === 0 ? '' : `_${attempt + 1}`;
  return base.slice(0, XACCOUNT_MAX_LENGTH - suffix.length) + suffix;
}

/** GB 32100-2015 charset of the unified social credit code (no I, O, S, V, Z). */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * True for an 18-character unified social credit code (统一社会信用代码) whose last character is
 * the GB 32100 check character of the first 17 (weights 3^i mod 31).
 */
export function isUnifiedSocialCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    sum += USCC_CHARSET.indexOf(code.charAt(index)) * (USCC_WEIGHTS[index] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return code.charAt(17) === USCC_CHARSET.charAt(check);
}

export const certificationEvents = [
  'submit',
  'approve',
  'reject',
  'record_verification_failure',
  'unlock',
] as const;
export type CertificationEvent = (typeof certificationEvents)[number];

/**
 * SM-18 as a table: the status each event leads to from each status it is allowed in. A
 * rejected change keeps the certification in force (certified); the third failed amount
 * verification locks instead of staying in review (see `certificationAfter`).
 */
const certificationTransitions: Record<
  CertificationEvent,
  Partial<Record<CertificationStatus, CertificationStatus>>
> = {
  submit: { uncertified: 'in_review', failed: 'in_review', certified: 'change_in_review' },
  approve: { in_review: 'certified', change_in_review: 'certified' },
  reject: { in_review: 'failed', change_in_review: 'certified' },
  record_verification_failure: { in_review: 'in_review' },
  unlock: { locked: 'in_review' },
};

/**
 * The status after `event`, or null when SM-18 does not allow the event in `status`.
 * `verificationFailures` is the count before this event.
 */
export function certificationAfter(
  status: CertificationStatus,
  event: CertificationEvent,
  verificationFailures = 0,
): CertificationStatus | null {
  const next = certificationTransitions[event][status] ?? null;
  if (event === 'record_verification_failure' && next !== null) {
    return verificationFailures + 1 >= MAX_VERIFICATION_FAILURES ? 'locked' : next;
  }
  return next;
}
