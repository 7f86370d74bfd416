import type { Db } from '../db/index.ts';
import type { AuthMethod, Principal, PrincipalRef } from './principal.ts';

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
   * the account name, otherwise the member `userName` of account `accountName`.
   */
  findLoginCredential(
    db: Db,
    accountName: string,
    userName: string | undefined,
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
  /** The account (domain) of a principal, for `GET /v3/auth/domains`. */
  findAccount(
    db: Db,
    partnerId: string,
  ): Promise<{ id: string; name: string; enabled: boolean } | null>;
}
