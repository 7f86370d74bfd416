import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import type { Permission } from '../../../platform/auth/permissions.ts';
import type { AccountType, Principal } from '../../../platform/auth/principal.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import type { Money } from '../../../platform/money/index.ts';
import type { AccountKey, PostedTransaction } from './ledger.ts';

export const TRANSACTION_RESOURCE = 'accounts.transaction';

/** Catalog: the customer fund operations are for solution providers and tier-1 distributors. */
export const FUNDS_ACCOUNT_TYPES: readonly AccountType[] = [
  'solution_provider',
  'tier1_distributor',
];

/**
 * Every partner class reads its own balances, and in the console a reseller funds its own resale
 * customers (P-14) as the open API's callers do; only distributors name a reseller.
 */
export const BALANCE_ACCOUNT_TYPES: readonly AccountType[] = [
  'solution_provider',
  'tier1_distributor',
  'reseller',
];

/** The console's fund operations serve every partner class (P-14, P-31). */
export const CONSOLE_FUNDS_ACCOUNT_TYPES = BALANCE_ACCOUNT_TYPES;

/** Checks the caller class, then the permission item; returns the principal. */
export function assertCaller(
  ctx: ServiceContext,
  accountTypes: readonly AccountType[],
  permission: Permission,
): Principal {
  assertAccountType(ctx, accountTypes);
  return assertPermission(ctx, permission);
}

export function partnerCash(partnerId: string): AccountKey {
  return { partnerId, ownerType: 'partner', ownerId: partnerId, kind: 'cash' };
}

export function partnerCredit(partnerId: string): AccountKey {
  return { partnerId, ownerType: 'partner', ownerId: partnerId, kind: 'credit' };
}

export function customerCash(customer: { id: string; partnerId: string }): AccountKey {
  return {
    partnerId: customer.partnerId,
    ownerType: 'customer',
    ownerId: customer.id,
    kind: 'cash',
  };
}

/** The provider's counter-accounts live under the operator's own partner id. */
export function providerAccount(
  operatorPartnerId: string,
  kind: 'funding' | 'credit_issued',
): AccountKey {
  return { partnerId: operatorPartnerId, ownerType: 'provider', ownerId: operatorPartnerId, kind };
}

/** Before/after balances of every touched account, for the audit trail. */
export function balanceChanges(posted: PostedTransaction): {
  before: Record<string, string>;
  after: Record<string, string>;
} {
  const before: Record<string, string> = {};
  const after: Record<string, string> = {};
  for (const entry of posted.entries) {
    const name = `${entry.account.ownerType}:${entry.account.ownerId}:${entry.account.kind}`;
    before[name] = entry.balanceAfter.minus(entry.amount).toFixed(2);
    after[name] = entry.balanceAfter.toFixed(2);
  }
  return { before, after };
}

/** Amount fields of the idempotency fingerprint: the exact decimal, whatever its JSON type was. */
export function fingerprintAmount(amount: Money): string {
  return amount.toFixed(2);
}
