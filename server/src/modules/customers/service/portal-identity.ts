import { and, eq, sql } from 'drizzle-orm';
import type { PrincipalDirectory } from '../../../platform/auth/directory.ts';
import type { Principal, PrincipalRef } from '../../../platform/auth/principal.ts';
import type { Db } from '../../../platform/db/index.ts';
import { customers } from '../schema.ts';
import type { CustomerRow } from './shared.ts';

/** The customer row behind a customer credential, within the tenant the credential was issued in. */
function ownRow(ref: PrincipalRef) {
  return and(eq(customers.partnerId, ref.partnerId), eq(customers.id, ref.id));
}

async function findCustomerOfRef(db: Db, ref: PrincipalRef): Promise<CustomerRow | null> {
  if (ref.type !== 'customer') return null;
  const [row] = await db.select().from(customers).where(ownRow(ref));
  return row ?? null;
}

/**
 * A customer's account name is its login name for the portal and for IAM tokens; the IAM user name,
 * when given, must be the account name too (a customer account has no IAM users here).
 */
function namesOwnAccount(accountName: string, userName: string | undefined): boolean {
  return (
    userName === undefined ||
    userName === '' ||
    userName.toLowerCase() === accountName.toLowerCase()
  );
}

/** How the authentication platform sees a customer as a principal (see `Principal`). */
export function toCustomerPrincipal(row: CustomerRow, method: Principal['authMethod']): Principal {
  return {
    type: 'customer',
    id: row.id,
    partnerId: row.partnerId,
    accountType: 'customer',
    accountName: row.accountName,
    userName: row.accountName,
    displayName: row.customerName === '' ? row.accountName : row.customerName,
    isOwner: false,
    permissions: new Set(),
    dataScope: 'mine',
    teamMemberIds: [],
    authMethod: method,
    mustChangePassword: false,
  };
}

/**
 * Customers as principals of the authentication platform. A customer signs in with its account
 * name (unique across customers and partners, case-insensitively) and its password; a customer
 * created without a password cannot sign in. Disassociated and frozen customers still sign in: the
 * portal is where they see their state. Credentials are bound to the partner the customer was
 * associated with; a move to another partner carries them along with `moveCredentialsToTenant`,
 * and any credential left under the old partner stops working.
 */
export const customerDirectory: PrincipalDirectory = {
  async loadPrincipal(db, ref, method) {
    const row = await findCustomerOfRef(db, ref);
    return row ? toCustomerPrincipal(row, method) : null;
  },

  async findLoginCredential(db, accountName, userName) {
    if (!namesOwnAccount(accountName, userName)) return null;
    const [row] = await db
      .select()
      .from(customers)
      .where(sql`lower(${customers.accountName}) = lower(${accountName})`);
    if (!row?.passwordHash) return null;
    return {
      ref: { type: 'customer', id: row.id, partnerId: row.partnerId },
      accountName: row.accountName,
      userName: row.accountName,
      passwordHash: row.passwordHash,
      isEnabled: true,
      failedLoginCount: row.failedLoginCount,
      lockedUntil: row.lockedUntil,
    };
  },

  async recordLoginFailure(db, ref, failedLoginCount, lockedUntil) {
    await db.update(customers).set({ failedLoginCount, lockedUntil }).where(ownRow(ref));
  },

  async recordLoginSuccess(db, ref, at) {
    await db
      .update(customers)
      .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: at })
      .where(ownRow(ref));
  },

  async changePassword(db, ref, passwordHash, at) {
    await db.update(customers).set({ passwordHash, updatedAt: at }).where(ownRow(ref));
  },

  async findDomain(db, ref) {
    const row = await findCustomerOfRef(db, ref);
    return row ? { id: row.id, name: row.accountName, enabled: true } : null;
  },
};
