import type { DistributorApplication } from './types';

type Request = Pick<DistributorApplication, 'direction' | 'status'>;

/** Only a reseller's pending application waits for the distributor's decision (SM-20). */
export function isDecidable(row: Request): boolean {
  return row.direction === 'application' && row.status === 'pending';
}

/** A pending invitation can be mailed again (P-37 重发邀请). */
export function isResendable(row: Request): boolean {
  return row.direction === 'invitation' && row.status === 'pending';
}

/** A mixed selection split into what the batch approval and the batch resend each act on. */
export function splitSelection<T extends Request>(rows: readonly T[]) {
  return { applications: rows.filter(isDecidable), invitations: rows.filter(isResendable) };
}
