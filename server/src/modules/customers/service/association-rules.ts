import type {
  AssociationRequestInitiator,
  AssociationRequestKind,
  AssociationType,
  EnterpriseSubMode,
} from '../schema.ts';

/**
 * The operator's limit on disassociation and type-switch requests (R-DIS-02/03, conflict U2): at
 * most `maxRequests` requests per customer and per side within a rolling `periodMonths` months.
 */
export interface AssociationRequestLimit {
  maxRequests: number;
  periodMonths: number;
}

/** U2 resolution: the newer rule set, 3 requests within 3 months for each side. */
export const DEFAULT_ASSOCIATION_REQUEST_LIMIT: AssociationRequestLimit = {
  maxRequests: 3,
  periodMonths: 3,
};

export const ASSOCIATION_LIMIT_BOUNDS = {
  maxRequests: { min: 1, max: 100 },
  periodMonths: { min: 1, max: 24 },
} as const;

export const MAX_ASSOCIATION_REASON_LENGTH = 1024;

/**
 * The same instant `months` calendar months earlier (UTC). A day that the earlier month lacks
 * falls back to that month's last day, so 31 May minus 3 months is 28 (or 29) February.
 */
export function monthsBefore(at: Date, months: number): Date {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(at.getUTCDate(), lastDay),
      at.getUTCHours(),
      at.getUTCMinutes(),
      at.getUTCSeconds(),
      at.getUTCMilliseconds(),
    ),
  );
}

/** The start of the rolling window that ends at `now`: requests created after it count. */
export function limitWindowStart(now: Date, limit: AssociationRequestLimit): Date {
  return monthsBefore(now, limit.periodMonths);
}

/**
 * How many of `createdAt` fall inside the window ending at `now` (the start excluded, so a
 * request made exactly one period ago no longer counts).
 */
export function countRequestsInWindow(
  createdAt: readonly Date[],
  now: Date,
  limit: AssociationRequestLimit,
): number {
  const start = limitWindowStart(now, limit).getTime();
  return createdAt.filter((at) => at.getTime() > start && at.getTime() <= now.getTime()).length;
}

/** Whether one more request fits under the limit, given those already made in the window. */
export function canRequestAgain(countInWindow: number, limit: AssociationRequestLimit): boolean {
  return countInWindow < limit.maxRequests;
}

/**
 * Reads a stored limit value; anything malformed (hand-edited rows, an older shape) falls back to
 * the default rather than blocking every request.
 */
export function parseAssociationRequestLimit(value: unknown): AssociationRequestLimit {
  if (typeof value !== 'object' || value === null) return DEFAULT_ASSOCIATION_REQUEST_LIMIT;
  const record = value as Record<string, unknown>;
  const maxRequests = record['max_requests'];
  const periodMonths = record['period_months'];
  if (!isWithin(maxRequests, ASSOCIATION_LIMIT_BOUNDS.maxRequests)) {
    return DEFAULT_ASSOCIATION_REQUEST_LIMIT;
  }
  if (!isWithin(periodMonths, ASSOCIATION_LIMIT_BOUNDS.periodMonths)) {
    return DEFAULT_ASSOCIATION_REQUEST_LIMIT;
  }
  return { maxRequests, periodMonths };
}

function isWithin(value: unknown, bounds: { min: number; max: number }): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= bounds.min &&
    value <= bounds.max
  );
}

/** The stored shape of the limit, in the settings table's snake_case JSON. */
export function toStoredAssociationRequestLimit(limit: AssociationRequestLimit) {
  return { max_requests: limit.maxRequests, period_months: limit.periodMonths };
}

/** The operator's pre-review of partners' disassociation requests (R-DIS-06). */
export interface PreReviewSetting {
  enabled: boolean;
  /** How a partner whose request failed reaches the reviewers (shown with the reason). */
  reviewerContact: string;
}

export const MAX_REVIEWER_CONTACT_LENGTH = 255;

/** Off until the operator turns it on: R-DIS-06 says requests *may* be pre-reviewed. */
export const DEFAULT_PRE_REVIEW_SETTING: PreReviewSetting = { enabled: false, reviewerContact: '' };

/** Reads the stored setting; a malformed value falls back to the default (off). */
export function parsePreReviewSetting(value: unknown): PreReviewSetting {
  if (typeof value !== 'object' || value === null) return DEFAULT_PRE_REVIEW_SETTING;
  const record = value as Record<string, unknown>;
  const enabled = record['enabled'];
  const contact = record['reviewer_contact'];
  if (typeof enabled !== 'boolean' || typeof contact !== 'string') {
    return DEFAULT_PRE_REVIEW_SETTING;
  }
  return { enabled, reviewerContact: contact };
}

/** The association type a switch leads to: resale "2" ↔ referral "1". */
export function switchedAssociationType(current: AssociationType): AssociationType {
  return current === '2' ? '1' : '2';
}

/**
 * The status a new request starts in (SM-4): it waits for the other side, except that a partner's
 * disassociation waits for the operator's pre-review first while the operator has it on (R-DIS-06).
 */
export function initialRequestStatus(
  initiator: AssociationRequestInitiator,
  kind: AssociationRequestKind,
  preReview: boolean,
) {
  if (initiator === 'customer') return 'pending_partner' as const;
  return preReview && kind === 'disassociate'
    ? ('pending_review' as const)
    : ('pending_customer' as const);
}

/** Blockers R-DIS-04 names, each with the action that clears it. */
export const accountCheckBlockers = [
  'account_frozen',
  'enterprise_master_with_independent_subs',
  'independent_enterprise_sub',
] as const;
export type AccountCheckBlockerCode = (typeof accountCheckBlockers)[number] | (string & {});

export interface AccountCheckBlocker {
  code: AccountCheckBlockerCode;
  message: string;
}

/** What the account check reads about the customer itself (no I/O). */
export interface AccountCheckSubject {
  isFrozen: number;
  enterpriseMasterId: string | null;
  enterpriseSubMode: EnterpriseSubMode | null;
  /** How many of the customer's own enterprise sub accounts are independently accounted. */
  independentSubCount: number;
}

/**
 * The R-DIS-04 blockers our own data decides, for a disassociation or a type switch alike
 * (R-DIS-08 asks the same account to be clean before a switch).
 */
export function accountBlockers(
  subject: AccountCheckSubject,
  kind: AssociationRequestKind,
): AccountCheckBlocker[] {
  const blockers: AccountCheckBlocker[] = [];
  const action = kind === 'disassociate' ? 'disassociating' : 'switching the association type';
  if (subject.isFrozen !== 0) {
    blockers.push({
      code: 'account_frozen',
      message: `The account is frozen; unfreeze it before ${action}.`,
    });
  }
  if (subject.independentSubCount > 0) {
    blockers.push({
      code: 'enterprise_master_with_independent_subs',
      message: `The enterprise master has ${subject.independentSubCount} independently accounted sub account(s); detach them before ${action}.`,
    });
  }
  if (subject.enterpriseMasterId !== null && subject.enterpriseSubMode === 'independent') {
    blockers.push({
      code: 'independent_enterprise_sub',
      message: `The account is an independently accounted enterprise sub account; its master must detach it before ${action}.`,
    });
  }
  return blockers;
}
