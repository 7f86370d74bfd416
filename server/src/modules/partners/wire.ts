import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { pagingProperties, toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import { accountTypes } from '../../platform/auth/principal.ts';
import {
  certificationStatuses,
  partnerStatuses,
  resellerApplicationDirections,
  resellerApplicationStatuses,
} from './schema.ts';
import { programPartnerTypes } from './rules.ts';
import type {
  CertificationInfo,
  CertificationListItem,
  CertificationView,
  CreatedPartner,
  CreatePartnerInput,
  CreateProgramInput,
  DecisionResult,
  IndirectPartner,
  IndirectPartnerFilters,
  PartnerListItem,
  PartnerProfile,
  ProgramView,
  ResellerApplicationView,
  ResellerRights,
  ResendResult,
  SignedUpPartner,
  SignUpInput,
  SignUpRequested,
  UpdatePartnerProfileInput,
} from './service/index.ts';

/** Console wire shapes of the partners module (snake_case) and the mappers from domain views. */

function literals<T extends string>(values: readonly T[], options: { description?: string } = {}) {
  return Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  );
}

function nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

const NullableTimeSchema = nullable(WireTimeSchema);

const AccountNameSchema = Type.String({
  pattern: '^[A-Za-z0-9_-]{3,64}$',
  description: 'Account name: 3–64 letters, digits, _ or -',
});
const EmailSchema = Type.String({ minLength: 3, maxLength: 255, description: 'E-mail address' });
const PhoneSchema = Type.String({ maxLength: 32, description: 'Phone number' });
const PasswordSchema = Type.String({ minLength: 1, maxLength: 64, description: 'Password' });

const PartnerTypeSchema = literals(accountTypes, { description: 'Account type' });
const ProgramPartnerTypeSchema = literals(programPartnerTypes, {
  description: 'Partner type a programme or a new partner carries',
});

const ProgramRefSchema = Type.Object({ code: Type.String(), name: Type.String() });
const PartnerRefSchema = Type.Object({ id: Type.String(), name: Type.String() });

// Programmes

export const ProgramSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  partner_type: ProgramPartnerTypeSchema,
  is_open_for_sign_up: Type.Boolean(),
  created_at: WireTimeSchema,
});

export const ListProgramsResponseSchema = Type.Object({ programs: Type.Array(ProgramSchema) });

export const CreateProgramRequestSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9_-]{2,64}$', description: 'Programme code' }),
    name: Type.String({ minLength: 1, maxLength: 128 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    partner_type: ProgramPartnerTypeSchema,
    is_open_for_sign_up: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type CreateProgramRequest = Static<typeof CreateProgramRequestSchema>;

export function fromWireCreateProgram(body: CreateProgramRequest): CreateProgramInput {
  return {
    code: body.code,
    name: body.name,
    description: body.description,
    partnerType: body.partner_type,
    isOpenForSignUp: body.is_open_for_sign_up,
  };
}

export function toWireProgram(program: ProgramView): Static<typeof ProgramSchema> {
  return {
    id: program.id,
    code: program.code,
    name: program.name,
    description: program.description,
    partner_type: program.partnerType,
    is_open_for_sign_up: program.isOpenForSignUp,
    created_at: toWireTime(program.createdAt) ?? '',
  };
}

// Partner accounts

export const CreatePartnerRequestSchema = Type.Object(
  {
    name: AccountNameSchema,
    company_name: Type.String({ minLength: 1, maxLength: 255 }),
    type: ProgramPartnerTypeSchema,
    email: EmailSchema,
    phone: Type.Optional(PhoneSchema),
    program_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    parent_partner_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    password: PasswordSchema,
  },
  { additionalProperties: false },
);
export type CreatePartnerRequest = Static<typeof CreatePartnerRequestSchema>;

export function fromWireCreatePartner(body: CreatePartnerRequest): CreatePartnerInput {
  return {
    name: body.name,
    companyName: body.company_name,
    partnerType: body.type,
    email: body.email,
    phone: body.phone,
    programId: body.program_id,
    parentPartnerId: body.parent_partner_id,
    password: body.password,
  };
}

export const PartnerSummarySchema = Type.Object({
  id: Type.String({ description: 'Account (domain) id' }),
  name: Type.String(),
  company_name: Type.String(),
  partner_type: PartnerTypeSchema,
  status: literals(partnerStatuses),
  xaccount_type: Type.String(),
  email: Type.String(),
  phone: Type.String(),
  program: nullable(ProgramRefSchema),
  parent: nullable(PartnerRefSchema),
  certification_status: literals(certificationStatuses),
  created_at: WireTimeSchema,
});

export const ListPartnersQuerySchema = Type.Object(
  {
    ...pagingProperties(),
    keyword: Type.Optional(
      Type.String({ maxLength: 64, description: 'Part of the name, company or e-mail' }),
    ),
    partner_type: Type.Optional(ProgramPartnerTypeSchema),
  },
  { additionalProperties: false },
);

export const ListPartnersResponseSchema = Type.Object({
  total_count: Type.Integer(),
  partners: Type.Array(PartnerSummarySchema),
});

export function toWirePartnerSummary(
  partner: PartnerListItem,
): Static<typeof PartnerSummarySchema> {
  return {
    id: partner.id,
    name: partner.name,
    company_name: partner.companyName,
    partner_type: partner.partnerType,
    status: partner.status,
    xaccount_type: partner.xaccountType,
    email: partner.email,
    phone: partner.phone,
    program: partner.program,
    parent: partner.parent,
    certification_status: partner.certificationStatus,
    created_at: toWireTime(partner.createdAt) ?? '',
  };
}

export function toWireCreatedPartner(created: CreatedPartner): Static<typeof PartnerSummarySchema> {
  return toWirePartnerSummary({
    ...created.partner,
    program: created.program,
    parent: created.parent,
    certificationStatus: 'uncertified',
  });
}

// Self sign-up

export const SignUpRequestSchema = Type.Object(
  {
    account_name: AccountNameSchema,
    company_name: Type.String({ minLength: 1, maxLength: 255 }),
    email: EmailSchema,
    phone: Type.Optional(PhoneSchema),
    password: PasswordSchema,
    program_code: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type SignUpRequest = Static<typeof SignUpRequestSchema>;

export function fromWireSignUp(body: SignUpRequest): SignUpInput {
  return {
    accountName: body.account_name,
    companyName: body.company_name,
    email: body.email,
    phone: body.phone,
    password: body.password,
    programCode: body.program_code,
  };
}

export const SignUpResponseSchema = Type.Object({
  email: Type.String(),
  expires_at: WireTimeSchema,
});

export function toWireSignUpRequested(
  requested: SignUpRequested,
): Static<typeof SignUpResponseSchema> {
  return { email: requested.email, expires_at: toWireTime(requested.expiresAt) ?? '' };
}

export const VerifySignUpRequestSchema = Type.Object(
  {
    email: EmailSchema,
    code: Type.String({ pattern: '^[0-9]{6}$', description: 'The 6-digit code from the e-mail' }),
  },
  { additionalProperties: false },
);
export type VerifySignUpRequest = Static<typeof VerifySignUpRequestSchema>;

export const VerifySignUpResponseSchema = Type.Object({
  id: Type.String({ description: 'Account (domain) id' }),
  name: Type.String(),
  company_name: Type.String(),
  partner_type: ProgramPartnerTypeSchema,
  status: literals(partnerStatuses),
  program_code: Type.String(),
});

export function toWireSignedUp(
  partner: SignedUpPartner,
): Static<typeof VerifySignUpResponseSchema> {
  return {
    id: partner.partner.id,
    name: partner.partner.name,
    company_name: partner.partner.companyName,
    partner_type: partner.partnerType,
    status: partner.partner.status,
    program_code: partner.programCode,
  };
}

// Basic information (P-80)

export const PartnerProfileSchema = Type.Object({
  id: Type.String({ description: 'Account (domain) id' }),
  name: Type.String(),
  company_name: Type.String(),
  partner_type: PartnerTypeSchema,
  status: literals(partnerStatuses),
  xaccount_type: Type.String(),
  email: Type.String(),
  phone: Type.String(),
  address: Type.String(),
  website: Type.String(),
  industry: Type.String(),
  contact_name: Type.String(),
  description: Type.String(),
  program: nullable(ProgramRefSchema),
  parent: nullable(PartnerRefSchema),
  created_at: WireTimeSchema,
});

export const UpdatePartnerProfileRequestSchema = Type.Object(
  {
    company_name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    phone: Type.Optional(PhoneSchema),
    address: Type.Optional(Type.String({ maxLength: 512 })),
    website: Type.Optional(Type.String({ maxLength: 255 })),
    industry: Type.Optional(Type.String({ maxLength: 64 })),
    contact_name: Type.Optional(Type.String({ maxLength: 64 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type UpdatePartnerProfileRequest = Static<typeof UpdatePartnerProfileRequestSchema>;

export function fromWireProfileUpdate(
  body: UpdatePartnerProfileRequest,
): UpdatePartnerProfileInput {
  return {
    companyName: body.company_name,
    phone: body.phone,
    address: body.address,
    website: body.website,
    industry: body.industry,
    contactName: body.contact_name,
    description: body.description,
  };
}

export function toWirePartnerProfile(profile: PartnerProfile): Static<typeof PartnerProfileSchema> {
  return {
    id: profile.id,
    name: profile.name,
    company_name: profile.companyName,
    partner_type: profile.partnerType,
    status: profile.status,
    xaccount_type: profile.xaccountType,
    email: profile.email,
    phone: profile.phone,
    address: profile.address,
    website: profile.website,
    industry: profile.industry,
    contact_name: profile.contactName,
    description: profile.description,
    program: profile.program,
    parent: profile.parent,
    created_at: toWireTime(profile.createdAt) ?? '',
  };
}

// Business-information certification (P-81, SM-18)

/** The certification form (基本信息, 税务信息, 财务联系人, 银行信息). */
export const CertificationInfoSchema = Type.Object(
  {
    company_name: Type.String({ minLength: 1, maxLength: 255 }),
    unified_social_credit_code: Type.String({
      pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$',
      description: 'Unified social credit code (GB 32100), 18 characters',
    }),
    legal_representative: Type.String({ minLength: 1, maxLength: 64 }),
    registered_address: Type.String({ minLength: 1, maxLength: 512 }),
    tax_registration_number: Type.String({ pattern: '^[0-9A-Z]{15,20}$' }),
    taxpayer_type: literals(['general', 'small_scale'] as const),
    finance_contact_name: Type.String({ minLength: 1, maxLength: 64 }),
    finance_contact_email: EmailSchema,
    finance_contact_phone: Type.String({ minLength: 5, maxLength: 32 }),
    bank_name: Type.String({ minLength: 1, maxLength: 128 }),
    bank_branch: Type.String({ minLength: 1, maxLength: 128 }),
    bank_account_name: Type.String({ minLength: 1, maxLength: 255 }),
    bank_account_number: Type.String({ pattern: '^[0-9A-Za-z]{6,34}$' }),
    settlement_currency: literals(['CNY', 'USD'] as const),
    accept_privacy_statement: Type.Boolean(),
  },
  { additionalProperties: false },
);
type CertificationInfoBody = Static<typeof CertificationInfoSchema>;

export function fromWireCertificationInfo(body: CertificationInfoBody): CertificationInfo {
  return {
    companyName: body.company_name,
    unifiedSocialCreditCode: body.unified_social_credit_code,
    legalRepresentative: body.legal_representative,
    registeredAddress: body.registered_address,
    taxRegistrationNumber: body.tax_registration_number,
    taxpayerType: body.taxpayer_type,
    financeContactName: body.finance_contact_name,
    financeContactEmail: body.finance_contact_email,
    financeContactPhone: body.finance_contact_phone,
    bankName: body.bank_name,
    bankBranch: body.bank_branch,
    bankAccountName: body.bank_account_name,
    bankAccountNumber: body.bank_account_number,
    settlementCurrency: body.settlement_currency,
    acceptPrivacyStatement: body.accept_privacy_statement,
  };
}

function toWireCertificationInfo(info: CertificationInfo | null): CertificationInfoBody | null {
  if (!info) return null;
  return {
    company_name: info.companyName,
    unified_social_credit_code: info.unifiedSocialCreditCode,
    legal_representative: info.legalRepresentative,
    registered_address: info.registeredAddress,
    tax_registration_number: info.taxRegistrationNumber,
    taxpayer_type: info.taxpayerType,
    finance_contact_name: info.financeContactName,
    finance_contact_email: info.financeContactEmail,
    finance_contact_phone: info.financeContactPhone,
    bank_name: info.bankName,
    bank_branch: info.bankBranch,
    bank_account_name: info.bankAccountName,
    bank_account_number: info.bankAccountNumber,
    settlement_currency: info.settlementCurrency,
    accept_privacy_statement: info.acceptPrivacyStatement,
  };
}

export const CertificationSchema = Type.Object({
  status: literals(certificationStatuses),
  certified: nullable(CertificationInfoSchema),
  submitted: nullable(CertificationInfoSchema),
  failure_reason: Type.String(),
  submitted_at: NullableTimeSchema,
  reviewed_at: NullableTimeSchema,
});

export function toWireCertification(view: CertificationView): Static<typeof CertificationSchema> {
  return {
    status: view.status,
    certified: toWireCertificationInfo(view.certified),
    submitted: toWireCertificationInfo(view.submitted),
    failure_reason: view.failureReason,
    submitted_at: toWireTime(view.submittedAt) ?? null,
    reviewed_at: toWireTime(view.reviewedAt) ?? null,
  };
}

export const ListCertificationsQuerySchema = Type.Object(
  {
    ...pagingProperties(),
    status: Type.Optional(literals(certificationStatuses)),
    keyword: Type.Optional(
      Type.String({ maxLength: 64, description: 'Part of the account or company name' }),
    ),
  },
  { additionalProperties: false },
);

export const CertificationListItemSchema = Type.Object({
  partner_id: Type.String(),
  partner_name: Type.String(),
  company_name: Type.String(),
  status: literals(certificationStatuses),
  submitted: nullable(CertificationInfoSchema),
  submitted_at: NullableTimeSchema,
  reviewed_at: NullableTimeSchema,
  failure_reason: Type.String(),
  verification_failures: Type.Integer({
    description: 'Failed amount verifications so far (3 lock)',
  }),
});

export const ListCertificationsResponseSchema = Type.Object({
  total_count: Type.Integer(),
  certifications: Type.Array(CertificationListItemSchema),
});

export function toWireCertificationListItem(
  item: CertificationListItem,
): Static<typeof CertificationListItemSchema> {
  return {
    partner_id: item.partnerId,
    partner_name: item.partnerName,
    company_name: item.companyName,
    status: item.status,
    submitted: toWireCertificationInfo(item.submitted),
    submitted_at: toWireTime(item.submittedAt) ?? null,
    reviewed_at: toWireTime(item.reviewedAt) ?? null,
    failure_reason: item.failureReason,
    verification_failures: item.verificationFailures,
  };
}

export const PartnerIdParamsSchema = Type.Object({
  partner_id: Type.String({ minLength: 1, maxLength: 64 }),
});

export const RejectCertificationRequestSchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);

// Resellers of a tier-1 distributor (ListIndirectPartners, P-37, SM-20)

export const ListIndirectPartnersRequestSchema = Type.Object(
  {
    account_name: Type.Optional(
      Type.String({ maxLength: 64, description: 'Exact reseller account name' }),
    ),
    associated_on_begin: Type.Optional(WireTimeSchema),
    associated_on_end: Type.Optional(WireTimeSchema),
    indirect_partner_id: Type.Optional(
      Type.String({ maxLength: 64, description: 'One reseller (domain) id' }),
    ),
    ...pagingProperties(100),
  },
  { additionalProperties: false },
);
export type ListIndirectPartnersRequest = Static<typeof ListIndirectPartnersRequestSchema>;

/** Huawei treats an empty filter as no filter. */
function filterText(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function fromWireTime(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}

export function fromWireIndirectPartnerFilters(
  body: ListIndirectPartnersRequest,
): IndirectPartnerFilters {
  return {
    accountName: filterText(body.account_name),
    indirectPartnerId: filterText(body.indirect_partner_id),
    associatedFrom: fromWireTime(body.associated_on_begin),
    associatedTo: fromWireTime(body.associated_on_end),
  };
}

export const IndirectPartnerSchema = Type.Object({
  indirect_partner_id: Type.String(),
  mobile_phone: Type.String(),
  email: Type.String(),
  account_name: Type.String(),
  name: Type.String({ description: 'Company name' }),
  associated_on: WireTimeSchema,
  account_manager_id: Type.String({ description: 'Login name of the account manager' }),
  account_manager_name: Type.String(),
});

export const ListIndirectPartnersResponseSchema = Type.Object({
  count: Type.Integer(),
  indirect_partners: Type.Array(IndirectPartnerSchema),
});

export function toWireIndirectPartner(item: IndirectPartner): Static<typeof IndirectPartnerSchema> {
  return {
    indirect_partner_id: item.id,
    mobile_phone: item.phone,
    email: item.email,
    account_name: item.name,
    name: item.companyName,
    associated_on: toWireTime(item.associatedAt) ?? '',
    account_manager_id: item.accountManagerId,
    account_manager_name: item.accountManagerName,
  };
}

export const ListResellersQuerySchema = Type.Object(
  {
    ...pagingProperties(),
    keyword: Type.Optional(
      Type.String({ maxLength: 64, description: 'Part of the name, company or e-mail' }),
    ),
  },
  { additionalProperties: false },
);

export const ResellerSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  company_name: Type.String(),
  email: Type.String(),
  phone: Type.String(),
  associated_on: WireTimeSchema,
});

export const ListResellersResponseSchema = Type.Object({
  total_count: Type.Integer(),
  resellers: Type.Array(ResellerSchema),
});

export function toWireReseller(item: IndirectPartner): Static<typeof ResellerSchema> {
  return {
    id: item.id,
    name: item.name,
    company_name: item.companyName,
    email: item.email,
    phone: item.phone,
    associated_on: toWireTime(item.associatedAt) ?? '',
  };
}

const CounterpartSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  company_name: Type.String(),
  email: Type.String(),
  phone: Type.String(),
});

const applicationProperties = {
  id: Type.String(),
  direction: literals(resellerApplicationDirections, {
    description: 'application: the reseller applied; invitation: the distributor invited',
  }),
  status: literals(resellerApplicationStatuses),
  message: Type.String(),
  decision_reason: Type.String(),
  created_at: WireTimeSchema,
  decided_at: NullableTimeSchema,
  decided_by: Type.String(),
  sent_count: Type.Integer({ description: 'Invitation e-mails sent (0 for applications)' }),
  last_sent_at: NullableTimeSchema,
};

/** A request as the distributor sees it: the reseller is the other side. */
export const DistributorApplicationSchema = Type.Object({
  ...applicationProperties,
  reseller: CounterpartSchema,
});

/** A request as the reseller sees it: the distributor is the other side. */
export const ResellerApplicationSchema = Type.Object({
  ...applicationProperties,
  distributor: CounterpartSchema,
});

function applicationFields(view: ResellerApplicationView) {
  return {
    id: view.id,
    direction: view.direction,
    status: view.status,
    message: view.message,
    decision_reason: view.decisionReason,
    created_at: toWireTime(view.createdAt) ?? '',
    decided_at: toWireTime(view.decidedAt) ?? null,
    decided_by: view.decidedBy,
    sent_count: view.sentCount,
    last_sent_at: toWireTime(view.lastSentAt) ?? null,
  };
}

function toWireCounterpart(view: ResellerApplicationView): Static<typeof CounterpartSchema> {
  const { counterpart } = view;
  return {
    id: counterpart.id,
    name: counterpart.name,
    company_name: counterpart.companyName,
    email: counterpart.email,
    phone: counterpart.phone,
  };
}

export function toWireDistributorApplication(
  view: ResellerApplicationView,
): Static<typeof DistributorApplicationSchema> {
  return { ...applicationFields(view), reseller: toWireCounterpart(view) };
}

export function toWireResellerApplication(
  view: ResellerApplicationView,
): Static<typeof ResellerApplicationSchema> {
  return { ...applicationFields(view), distributor: toWireCounterpart(view) };
}

export const ListApplicationsQuerySchema = Type.Object(
  {
    ...pagingProperties(),
    status: Type.Optional(literals(resellerApplicationStatuses)),
  },
  { additionalProperties: false },
);

export const ListDistributorApplicationsResponseSchema = Type.Object({
  total_count: Type.Integer(),
  applications: Type.Array(DistributorApplicationSchema),
});

export const ListResellerApplicationsResponseSchema = Type.Object({
  total_count: Type.Integer(),
  applications: Type.Array(ResellerApplicationSchema),
});

const MessageSchema = Type.String({ maxLength: 512 });

export const InviteResellerRequestSchema = Type.Object(
  { reseller_account_name: AccountNameSchema, message: Type.Optional(MessageSchema) },
  { additionalProperties: false },
);

export const ApplyToDistributorRequestSchema = Type.Object(
  { distributor_account_name: AccountNameSchema, message: Type.Optional(MessageSchema) },
  { additionalProperties: false },
);

export const DecideApplicationsRequestSchema = Type.Object(
  {
    application_ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      minItems: 1,
      maxItems: 100,
    }),
    decision: literals(['approve', 'reject'] as const),
    reason: Type.Optional(MessageSchema),
  },
  { additionalProperties: false },
);

export const DecideApplicationsResponseSchema = Type.Object({
  approved: Type.Integer(),
  rejected: Type.Integer(),
  error_details: Type.Array(
    Type.Object({ id: Type.String(), error_code: Type.String(), error_msg: Type.String() }),
  ),
});

export function toWireDecisionResult(
  result: DecisionResult,
): Static<typeof DecideApplicationsResponseSchema> {
  return {
    approved: result.approved,
    rejected: result.rejected,
    error_details: result.errorDetails.map((detail) => ({
      id: detail.id,
      error_code: detail.errorCode,
      error_msg: detail.errorMessage,
    })),
  };
}

export const ResendInvitationsRequestSchema = Type.Object(
  {
    application_ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      minItems: 1,
      maxItems: 100,
    }),
  },
  { additionalProperties: false },
);

export const ResendInvitationsResponseSchema = Type.Object({
  resent: Type.Integer(),
  error_details: Type.Array(
    Type.Object({ id: Type.String(), error_code: Type.String(), error_msg: Type.String() }),
  ),
});

export function toWireResendResult(
  result: ResendResult,
): Static<typeof ResendInvitationsResponseSchema> {
  return {
    resent: result.resent,
    error_details: result.errorDetails.map((detail) => ({
      id: detail.id,
      error_code: detail.errorCode,
      error_msg: detail.errorMessage,
    })),
  };
}

export const ApplicationIdParamsSchema = Type.Object({
  application_id: Type.String({ minLength: 1, maxLength: 64 }),
});

export const ResellerIdParamsSchema = Type.Object({
  reseller_id: Type.String({ minLength: 1, maxLength: 64 }),
});

/** P-37 授权: what the distributor lets the reseller do for the reseller's customers. */
export const ResellerRightsSchema = Type.Object({
  reseller_id: Type.String(),
  reseller_name: Type.String(),
  on_behalf: Type.Boolean({
    description:
      '代客下单 / 代客运维: the reseller may ask its customers for authorization (SM-19)',
  }),
  updated_at: NullableTimeSchema,
  updated_by: Type.String(),
});

export const UpdateResellerRightsRequestSchema = Type.Object(
  { on_behalf: Type.Boolean() },
  { additionalProperties: false },
);

export function toWireResellerRights(rights: ResellerRights): Static<typeof ResellerRightsSchema> {
  return {
    reseller_id: rights.resellerId,
    reseller_name: rights.resellerName,
    on_behalf: rights.onBehalf,
    updated_at: toWireTime(rights.updatedAt) ?? null,
    updated_by: rights.updatedBy,
  };
}
