/**
 * The console API's wire shapes (snake_case, as the server sends them). One file so a contract
 * change is one diff; pages import the types they render.
 */

export type AccountType = 'operator' | 'solution_provider' | 'tier1_distributor' | 'reseller';
export type DataScope = 'all' | 'team' | 'mine';

export interface SessionUser {
  account_id: string;
  account_name: string;
  account_type: AccountType;
  user_id: string;
  user_name: string;
  display_name: string;
  is_owner: boolean;
  permissions: string[];
  data_scope: DataScope;
  must_change_password: boolean;
}

export interface Session {
  user: SessionUser;
  csrf_token: string;
}

export interface LoginRequest {
  account_name: string;
  user_name?: string;
  password: string;
}

export interface ChangePasswordRequest {
  old_password: string;
  new_password: string;
}

/** Paging and filters every list endpoint accepts. */
export interface PageQuery {
  offset?: number;
  limit?: number;
}

export type AccessKeyStatus = 'active' | 'disabled';

export interface AccessKey {
  access_key: string;
  status: AccessKeyStatus;
  description: string;
  created_at: string;
  last_used_at?: string | null;
}

export interface AccessKeyList {
  total_count: number;
  access_keys: AccessKey[];
}

export interface CreatedAccessKey {
  access_key: string;
  secret_key: string;
  status: AccessKeyStatus;
  description: string;
  created_at: string;
}

export type MemberStatus = 'active' | 'disabled';

export interface RoleRef {
  id: string;
  code: string;
  name: string;
}

export interface Member {
  id: string;
  user_name: string;
  display_name: string;
  email: string;
  phone: string;
  status: MemberStatus;
  is_owner: boolean;
  must_change_password: boolean;
  roles: RoleRef[];
  supervisor_id?: string | null;
  supervisor_name?: string | null;
  created_at: string;
  last_login_at?: string | null;
}

export interface MemberList {
  total_count: number;
  members: Member[];
}

export interface MemberQuery extends PageQuery {
  keyword?: string;
  role_id?: string;
  status?: MemberStatus;
}

export interface CreateMemberRequest {
  user_name: string;
  display_name: string;
  email?: string;
  phone?: string;
  password: string;
  role_ids: string[];
  supervisor_id?: string;
}

export interface UpdateMemberRequest {
  display_name?: string;
  email?: string;
  phone?: string;
  supervisor_id?: string | null;
}

export interface AssignRolesResult {
  member: Member;
  /** Account managers who lost their supervisor because the member lost the supervisor role. */
  detached_account_managers: number;
}

export interface Role {
  id: string;
  code: string;
  name: string;
  description: string;
  is_preset: boolean;
  permissions: string[];
  data_scope: DataScope;
  member_count: number;
  created_at: string;
}

export interface RoleList {
  total_count: number;
  roles: Role[];
}

export interface RoleInput {
  name: string;
  description?: string;
  permissions: string[];
  data_scope: DataScope;
}

export interface PermissionItem {
  code: string;
  group: string;
  name_zh: string;
  name_en: string;
}

export interface PermissionCatalogue {
  permissions: PermissionItem[];
}

export interface Profile {
  user_name: string;
  display_name: string;
  email: string;
  phone: string;
  account_name: string;
  is_owner: boolean;
}

export interface ProfileUpdate {
  display_name: string;
  email?: string;
  phone?: string;
}

export interface PartnerRef {
  id: string;
  name: string;
}

export interface ProgramRef {
  code: string;
  name: string;
}

export type PartnerStatus = 'pending_verification' | 'active' | 'frozen';

export interface PartnerProfile {
  id: string;
  name: string;
  company_name: string;
  partner_type: AccountType;
  status: PartnerStatus;
  xaccount_type: string;
  email: string;
  phone: string;
  address: string;
  website: string;
  industry: string;
  contact_name: string;
  description: string;
  program: ProgramRef | null;
  parent: PartnerRef | null;
  created_at: string;
}

export type PartnerProfileUpdate = Partial<
  Pick<
    PartnerProfile,
    'company_name' | 'phone' | 'address' | 'website' | 'industry' | 'contact_name' | 'description'
  >
>;

export type CertificationStatus =
  'uncertified' | 'in_review' | 'certified' | 'failed' | 'locked' | 'change_in_review';

export interface CertificationSubmission {
  company_name: string;
  unified_social_credit_code: string;
  legal_representative: string;
  registered_address: string;
  tax_registration_number: string;
  taxpayer_type: 'general' | 'small_scale';
  finance_contact_name: string;
  finance_contact_email: string;
  finance_contact_phone: string;
  bank_name: string;
  bank_branch: string;
  bank_account_name: string;
  bank_account_number: string;
  settlement_currency: 'CNY' | 'USD';
  accept_privacy_statement: boolean;
}

export interface Certification {
  status: CertificationStatus;
  /** The data in force since the last approval, if any. */
  certified: CertificationSubmission | null;
  /** The data under review or last rejected, if any. */
  submitted: CertificationSubmission | null;
  failure_reason: string;
  submitted_at: string | null;
  reviewed_at: string | null;
}

export interface CertificationReview {
  partner_id: string;
  partner_name: string;
  company_name: string;
  status: CertificationStatus;
  submitted: CertificationSubmission | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  failure_reason: string;
  /** Failed amount verifications so far; the third locks the certification (R-BIZ-06). */
  verification_failures: number;
}

export interface CertificationReviewList {
  total_count: number;
  certifications: CertificationReview[];
}

export interface CertificationReviewQuery extends PageQuery {
  status?: CertificationStatus;
  keyword?: string;
}

export type ProgramPartnerType = Exclude<AccountType, 'operator'>;

export interface Program {
  id: string;
  code: string;
  name: string;
  description: string;
  partner_type: ProgramPartnerType;
  is_open_for_sign_up: boolean;
  created_at: string;
}

export interface PartnerSummary {
  id: string;
  name: string;
  company_name: string;
  partner_type: AccountType;
  status: PartnerStatus;
  xaccount_type: string;
  email: string;
  phone: string;
  program: ProgramRef | null;
  parent: PartnerRef | null;
  certification_status: CertificationStatus;
  created_at: string;
}

export interface PartnerList {
  total_count: number;
  partners: PartnerSummary[];
}

export interface PartnerQuery extends PageQuery {
  keyword?: string;
  partner_type?: ProgramPartnerType;
}

export interface CreatePartnerRequest {
  name: string;
  company_name: string;
  type: ProgramPartnerType;
  email: string;
  phone?: string;
  program_id?: string;
  parent_partner_id?: string;
  password: string;
}

export interface AuditEvent {
  id: string;
  event_type: string;
  event_source: string;
  action: string;
  resource_type: string;
  resource_id: string;
  resource_name: string;
  actor_type: string;
  actor_id: string;
  actor_name: string;
  before?: unknown;
  after?: unknown;
  request_id: string;
  source_ip: string;
  occurred_at: string;
}

export interface AuditEventList {
  total_count: number;
  events: AuditEvent[];
}

export interface AuditEventQuery extends PageQuery {
  event_type?: string;
  event_source?: string;
  resource_type?: string;
  resource_id?: string;
  resource_name?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export interface CreateProgramRequest {
  code: string;
  name: string;
  description?: string;
  partner_type: ProgramPartnerType;
  is_open_for_sign_up: boolean;
}

export interface SignUpRequest {
  account_name: string;
  company_name: string;
  email: string;
  phone?: string;
  password: string;
  program_code: string;
}

export interface SignUpRequested {
  email: string;
  expires_at: string;
}

export interface VerifySignUpRequest {
  email: string;
  code: string;
}

export interface SignedUpPartner {
  id: string;
  name: string;
  company_name: string;
  partner_type: ProgramPartnerType;
  status: PartnerStatus;
  program_code: string;
}

/** '1' referral (顾问销售), '2' resale (代售), as Huawei's `association_type`. */
export type AssociationType = '1' | '2';

export interface MemberRef {
  id: string;
  user_name: string;
  display_name: string;
}

export interface Customer {
  customer_id: string;
  account_name: string;
  customer_name: string;
  /** Masked by the server; the full value comes from the reveal call (X1). */
  email: string;
  mobile: string;
  association_type: AssociationType;
  associated_on: string;
  label: string;
  verified_status: string;
  customer_type: number;
  is_frozen: number;
  xaccount_id: string;
  account_manager: MemberRef | null;
}

export interface CustomerList {
  total_count: number;
  customers: Customer[];
}

export interface CustomerQuery extends PageQuery {
  keyword?: string;
  association_type?: AssociationType;
  account_manager_id?: string;
  unassigned?: boolean | string;
  label?: string;
}

export interface CustomerAssignment {
  member_id: string;
  user_name: string;
  display_name: string;
  started_at: string;
  ended_at: string | null;
}

export interface CustomerAssociationRecord {
  event: string;
  association_type: AssociationType;
  occurred_at: string;
  actor: string;
}

export interface CustomerDetail extends Customer {
  created_at: string;
  status: 'active' | 'disassociated';
  assignments: CustomerAssignment[];
  association_records: CustomerAssociationRecord[];
}

export type SensitiveCustomerField = 'email' | 'mobile';

export interface AssignableMember extends MemberRef {
  role_code: string;
}

/** A reseller of the calling distributor, as the 云经销商名称 filter offers it. */
export interface ResellerRef {
  id: string;
  name: string;
  company_name: string;
}

/** 云经销商的客户: a reseller's customer as its distributor reads it (contacts masked). */
export interface ResellerCustomer extends Customer {
  reseller: ResellerRef;
}

export interface ResellerCustomerList {
  total_count: number;
  customers: ResellerCustomer[];
}

export interface ResellerCustomerQuery extends PageQuery {
  reseller_id?: string;
  keyword?: string;
  association_type?: AssociationType;
  label?: string;
}
