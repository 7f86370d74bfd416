import type { Db } from '../db/index.ts';
import type { Principal, PrincipalRef } from './principal.ts';

/** IAM's `assume_role` identity: the customer account (by name or id) and the agency's name. */
export interface AssumeRoleRequest {
  domainName?: string | undefined;
  domainId?: string | undefined;
  agencyName: string;
}

/**
 * The bridge from IAM's `assume_role` token exchange to the module that keeps customer
 * authorizations (SM-19). `app.ts` plugs the implementation in, as it does `PrincipalDirectory`,
 * so the platform knows nothing of customers or partners.
 */
export interface AgencyDirectory {
  /**
   * The customer `actor` (a partner member) may act as through the agency the request names.
   * Throws the IAM-style errors of the catalogue (`AGENCY_NAME_MISMATCH`, `ASSUME_ROLE_DENIED`).
   */
  resolveAgency(db: Db, actor: Principal, request: AssumeRoleRequest): Promise<PrincipalRef>;
  /**
   * Whether `actor` may still act as `customer`; asked on every request of an assumed credential,
   * so a revoked authorization or a disassociation stops it at once.
   */
  isAgencyActive(db: Db, actor: Principal, customer: PrincipalRef): Promise<boolean>;
}
