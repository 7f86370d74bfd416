import type { PrincipalType } from './schema.ts';

/** The account kinds; the operator's account is the provider's back office. */
export const accountTypes = [
  'operator',
  'solution_provider',
  'tier1_distributor',
  'reseller',
] as const;
export type AccountType = (typeof accountTypes)[number];

/** Row-level reach of a member: all customers, their team's (supervisor), or only their own. */
export const dataScopes = ['all', 'team', 'mine'] as const;
export type DataScope = (typeof dataScopes)[number];

export type AuthMethod = 'aksk' | 'token' | 'session';

/** The authenticated caller, resolved freshly on every request (a disabled member stops at once). */
export interface Principal {
  type: PrincipalType;
  /** Member id (or customer id for customer principals). */
  id: string;
  /** The tenant: the partner account (domain) the principal belongs to. */
  partnerId: string;
  accountType: AccountType;
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
}

export interface PrincipalRef {
  type: PrincipalType;
  id: string;
  partnerId: string;
}
