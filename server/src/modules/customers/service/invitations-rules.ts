import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../platform/clock/index.ts';
import type {
  AssociationType,
  CustomerStatus,
  EnterpriseSubMode,
  InvitationChannel,
  InvitationStatus,
  PreregistrationStatus,
} from '../schema.ts';

/** R-CUS-03: a pre-registration reserves its prospect for 15 days. */
export const PREREGISTRATION_VALIDITY_MS = 15 * DAY_MS;
/** R-CUS-02: at most 100 pre-registrations under review or reserved per partner. */
export const MAX_OPEN_PREREGISTRATIONS = 100;
/** R-CUS-06/13: an account registered more than 7 days ago needs review / a pre-registration. */
export const ESTABLISHED_ACCOUNT_AGE_MS = 7 * DAY_MS;
/** R-CUS-07: an e-mail invitation link is valid 7 days from (re)sending. */
export const INVITATION_VALIDITY_MS = 7 * DAY_MS;
/** R-CUS-08: one batch invites at most 50 addresses. */
export const MAX_BATCH_INVITATIONS = 50;
/** Acceptance-page codes: valid 10 minutes, one per address per minute. */
export const ACCEPTANCE_CODE_TTL_MS = 10 * MINUTE_MS;
export const ACCEPTANCE_CODE_RESEND_MS = MINUTE_MS;
/**
 * The `scene` of acceptance-page codes in `verification_codes`. Huawei's scenes (29, 18) are
 * SMS scenes of the open API; this one is local, and its receiver is an e-mail address.
 */
export const SCENE_INVITATION_EMAIL = 1001;
/** Failed association attempts one invitation may collect per hour before the page answers 429. */
export const MAX_FAILED_ATTEMPTS_PER_HOUR = 20;
export const ATTEMPT_WINDOW_MS = HOUR_MS;
/** The version of "客户关联华为云合作伙伴须知" the acceptance page shows (R-CUS-20). */
export const ASSOCIATION_NOTICE_VERSION = '2024-01';

/**
 * Causes of a failed association (R-CUS-13/14/19) that our data can decide. Causes that need
 * Huawei's back office (contracts, consumer cloud, reward programmes) are not evaluated.
 */
export const failureCauses = [
  'link_expired',
  'link_used',
  'link_revoked',
  'partner_restricted',
  'already_associated',
  'preregistered_by_other_partner',
  'financial_hosting_sub',
  'enterprise_sub_reseller',
  'enterprise_master_independent_subs',
  'registered_over_7_days',
] as const;
export type FailureCause = (typeof failureCauses)[number];

/**
 * The status of a pre-registration at `now`: a reservation past its 15 days is expired whatever
 * the stored status says (SM-1, ADR 0006: expiry is read against the clock, no sweeper).
 */
export function preregistrationStatusAt(
  row: { status: PreregistrationStatus; expiresAt: Date | null },
  now: Date,
): PreregistrationStatus {
  if (row.status === 'registered' && row.expiresAt !== null && row.expiresAt <= now) {
    return 'expired';
  }
  return row.status;
}

/** True while a pre-registration keeps the prospect from others: under review or reserved. */
export function isReserving(
  row: { status: PreregistrationStatus; expiresAt: Date | null },
  now: Date,
): boolean {
  const status = preregistrationStatusAt(row, now);
  return status === 'in_review' || status === 'registered';
}

/**
 * R-CUS-06 as far as our data goes: a prospect that is already a customer account registered more
 * than 7 days ago is reviewed by the operator before it is reserved.
 */
export function needsManualReview(existingAccountCreatedAt: Date | null, now: Date): boolean {
  return (
    existingAccountCreatedAt !== null &&
    now.getTime() - existingAccountCreatedAt.getTime() > ESTABLISHED_ACCOUNT_AGE_MS
  );
}

/**
 * The status of an invitation at `now`: an e-mail invitation that is still open after its 7 days
 * is expired (SM-2); offline links never expire (R-CUS-10).
 */
export function invitationStatusAt(
  row: { channel: InvitationChannel; status: InvitationStatus; expiresAt: Date | null },
  now: Date,
): InvitationStatus {
  const open = row.status === 'invited' || row.status === 'failed';
  if (open && row.channel === 'email' && row.expiresAt !== null && row.expiresAt <= now) {
    return 'expired';
  }
  return row.status;
}

/** Why an invitation in this state cannot be accepted, or null when it can. */
export function invitationBlocker(status: InvitationStatus): FailureCause | null {
  if (status === 'expired') return 'link_expired';
  if (status === 'associated') return 'link_used';
  if (status === 'revoked') return 'link_revoked';
  return null;
}

/** What the acceptance check knows about the account that wants to associate. */
export interface AccountFacts {
  /** Null for a new registration. */
  status: CustomerStatus | null;
  createdAt: Date | null;
  enterpriseMasterId: string | null;
  enterpriseSubMode: EnterpriseSubMode | null;
  /** True when the account is an enterprise master with independent-accounting subs. */
  hasIndependentSubs: boolean;
}

export interface AssociationFacts {
  associationType: AssociationType;
  account: AccountFacts;
  isPartnerActive: boolean;
  isPreregisteredByOtherPartner: boolean;
  isPreregisteredByInvitingPartner: boolean;
  now: Date;
}

/**
 * R-CUS-13/14 (and R-DIS-09) in the order the page explains them: the first rule that forbids
 * the association, or null when the customer may associate.
 */
export function associationBlocker(facts: AssociationFacts): FailureCause | null {
  const { account } = facts;
  if (!facts.isPartnerActive) return 'partner_restricted';
  if (account.status === 'active') return 'already_associated';
  if (facts.isPreregisteredByOtherPartner) return 'preregistered_by_other_partner';
  if (account.enterpriseMasterId !== null && account.enterpriseSubMode === 'hosted') {
    return 'financial_hosting_sub';
  }
  if (facts.associationType === '2' && account.enterpriseMasterId !== null) {
    return 'enterprise_sub_reseller';
  }
  if (facts.associationType === '2' && account.hasIndependentSubs) {
    return 'enterprise_master_independent_subs';
  }
  if (needsManualReview(account.createdAt, facts.now) && !facts.isPreregisteredByInvitingPartner) {
    return 'registered_over_7_days';
  }
  return null;
}

/** R-CUS-10: links made by admins and operators carry their account name; managers' do not. */
export function linkTag(dataScope: 'all' | 'team' | 'mine', accountName: string): string {
  return dataScope === 'mine' ? '' : accountName.slice(0, 64);
}
