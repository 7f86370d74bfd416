import type { Db } from '../db/index.ts';
import type { AuthMethod, Principal, PrincipalRef } from './principal.ts';
import type { PrincipalType } from './schema.ts';

/** What password login needs to know about a user, whatever module stores it. */
export interface LoginCredential {
  ref: PrincipalRef;
  accountName: string;
  userName: string;
  passwordHash: string;
  isEnabled: boolean;
  failedLoginCount: number;
  lockedUntil: Date | null;
}

/**
 * The bridge from the authentication platform to the modules that own identities (`org` for
 * members, `customers` for customer users). `app.ts` plugs the implementation in, so `platform/`
 * never imports a module.
 */
export interface PrincipalDirectory {
  /** Loads the current principal behind a credential; null when it is gone or disabled. */
  loadPrincipal(db: Db, ref: PrincipalRef, method: AuthMethod): Promise<Principal | null>;
  /**
   * Finds the user a password login names: the account owner when `userName` is absent or equals
   * the account name, otherwise the member `userName` of account `accountName`. `principalType`
   * restricts the search to one kind of principal (the portal looks up customers only).
   */
  findLoginCredential(
    db: Db,
    accountName: string,
    userName: string | undefined,
    principalType?: PrincipalType,
  ): Promise<LoginCredential | null>;
  /** Stores the failed-login counter and lock deadline of a user. */
  recordLoginFailure(
    db: Db,
    ref: PrincipalRef,
    failedLoginCount: number,
    lockedUntil: Date | null,
  ): Promise<void>;
  /** Clears the failed-login counter and stamps the last login time. */
  recordLoginSuccess(db: Db, ref: PrincipalRef, at: Date): Promise<void>;
  /** Stores a new password hash of the user and clears its "must change password" flag. */
  changePassword(db: Db, ref: PrincipalRef, passwordHash: string, at: Date): Promise<void>;
  /**
   * The account (IAM domain) a principal acts in, for `GET /v3/auth/domains`: a member's partner
   * account, a customer's own account.
   */
  findDomain(db: Db, ref: PrincipalRef): Promise<Domain | null>;
}

export interface Domain {
  id: string;
  name: string;
  enabled: boolean;
}

/**
 * One directory over several kinds of principal, each served by the module that owns it.
 * Credentials carry their principal type, so loads and writes go to that kind's directory. A login
 * name is looked up in the directory of the kind asked for, or else in each directory in the order
 * given, the first that knows it answering (new customer names are checked against partners', so
 * normally only one does).
 */
export function composeDirectories(
  byType: Record<PrincipalType, PrincipalDirectory>,
  loginOrder: readonly PrincipalType[],
): PrincipalDirectory {
  return {
    loadPrincipal: (db, ref, method) => byType[ref.type].loadPrincipal(db, ref, method),
    async findLoginCredential(db, accountName, userName, principalType) {
      for (const type of principalType ? [principalType] : loginOrder) {
        const credential = await byType[type].findLoginCredential(db, accountName, userName);
        if (credential) return credential;
      }
      return null;
    },
    recordLoginFailure: (db, ref, count, lockedUntil) =>
      byType[ref.type].recordLoginFailure(db, ref, count, lockedUntil),
    recordLoginSuccess: (db, ref, at) => byType[ref.type].recordLoginSuccess(db, ref, at),
    changePassword: (db, ref, passwordHash, at) =>
      byType[ref.type].changePassword(db, ref, passwordHash, at),
    findDomain: (db, ref) => byType[ref.type].findDomain(db, ref),
  };
}
