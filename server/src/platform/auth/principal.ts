import type { PrincipalType } from './schema.ts';

/** The account kinds; the operator's account is the provider's back office. */
export const accountTypes = [
  'operator',
  'solution_provider',
  'tier1_distributor',
  'reseller',
] as const;
export type AccountType = (typeof accountTypes)[number];

/**
 * The caller class of a principal: its partner account's type for members, `customer` for a
 * customer principal. Kept apart from `AccountType`, which also types partner rows.
 */
export const principalAccountTypes = [...accountTypes, 'customer'] as const;
export type PrincipalAccountType = (typeof principalAccountTypes)[number];

/** Row-level reach of a member: all customers, their team's (supervisor), or only their own. */
export const dataScopes = ['all', 'team', 'mine'] as const;
export type DataScope = (typeof dataScopes)[number];

export type AuthMethod = 'aksk' | 'token' | 'session';

/**
 * The authenticated caller, current on every request: a member's comes from a cache that every
 * committed change to its rows empties (principal-cache.ts), so a disabled member stops at once.
 *
 * A customer principal (`type: 'customer'`) is a customer account signed in to the portal or
 * calling the customer-side APIs: `id` is the customer id (its IAM domain id), `partnerId` the
 * partner it is (or was last) associated with, the tenant its credentials and audit rows live
 * under; `accountType` is `customer`, `accountName` and `userName` are both the customer's account
 * name; it holds no permissions, owns nothing of the partner (`isOwner` false) and its data scope
 * is `mine`.
 */
export interface Principal {
  type: PrincipalType;
  /** Member id (or customer id for customer principals). */
  id: string;
  /** The tenant: the partner account (domain) the principal belongs to. */
  partnerId: string;
  accountType: PrincipalAccountType;
  accountName: string;
  userName: string;
  displayName: string;
  isOwner: boolean;
  permissions: ReadonlySet<string>;
  dataScope: DataScope;
  /** The ids of the members a supervisor oversees (empty unless dataScope is 'team'). */
  teamMemberIds: readonly string[];
  authMethod: AuthMethod;
  mustChangePassword: boolean;
  /**
   * Set on a customer principal reached through IAM's `assume_role`: the partner member acting on
   * the customer's behalf. The audit trail names them, and such a principal may neither assume
   * again nor do what only the customer itself may (decide authorizations, manage its keys).
   */
  assumedBy?: AssumedBy | undefined;
}

/** The partner member behind an assumed customer principal. */
export interface AssumedBy {
  partnerId: string;
  memberId: string;
  accountName: string;
  userName: string;
}

export interface PrincipalRef {
  type: PrincipalType;
  id: string;
  partnerId: string;
}

/** The IAM domain a principal acts in: its partner account, or for a customer its own account. */
export function domainIdOf(principal: Pick<Principal, 'type' | 'id' | 'partnerId'>): string {
  return principal.type === 'customer' ? principal.id : principal.partnerId;
}
