/** Wire shapes of the reseller routes (server/src/modules/partners/wire.ts, snake_case). */

export type ApplicationDirection = 'application' | 'invitation';
export type ApplicationStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

export interface Reseller {
  id: string;
  name: string;
  company_name: string;
  email: string;
  phone: string;
  associated_on: string;
}

export interface ResellerList {
  total_count: number;
  resellers: Reseller[];
}

export interface ResellerQuery {
  keyword?: string;
  offset?: number;
  limit?: number;
}

export interface Counterpart {
  id: string;
  name: string;
  company_name: string;
  email: string;
  phone: string;
}

interface ApplicationFields {
  id: string;
  direction: ApplicationDirection;
  status: ApplicationStatus;
  message: string;
  decision_reason: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string;
  /** Invitation e-mails sent so far (0 for a reseller's application). */
  sent_count: number;
  last_sent_at: string | null;
}

/** A request as the distributor sees it. */
export interface DistributorApplication extends ApplicationFields {
  reseller: Counterpart;
}

/** A request as the reseller sees it. */
export interface ResellerApplication extends ApplicationFields {
  distributor: Counterpart;
}

export interface ApplicationQuery {
  status?: string;
  offset?: number;
  limit?: number;
}

export interface DecisionResult {
  approved: number;
  rejected: number;
  error_details: { id: string; error_code: string; error_msg: string }[];
}

export interface ResendResult {
  resent: number;
  error_details: { id: string; error_code: string; error_msg: string }[];
}

export type Decision = 'approve' | 'reject';
export type ResellerResponse = 'accept' | 'decline' | 'cancel';
