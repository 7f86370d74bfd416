import type { FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { exportFormats } from '../../platform/exports/index.ts';
import { pagingProperties, toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import { invalidParameter } from '../../platform/http/errors.ts';
import {
  associationTypes,
  invitationOutcomes,
  invitationStatuses,
  preregistrationStatuses,
  type InvitationChannel,
  type InvitationStatus,
  type PreregistrationStatus,
} from './schema.ts';
import { maskCustomerEmail, maskCustomerMobile } from './rules.ts';
import { MAX_BATCH_INVITATIONS } from './service/invitations-rules.ts';
import type { AcceptanceResult, InvitationInfo } from './service/acceptance.ts';
import type { AttemptView, InvitationFilters, InvitationView } from './service/invitations.ts';
import type {
  PreregistrationFilters,
  PreregistrationView,
  ReviewQueueItem,
} from './service/preregistration.ts';

/**
 * The origin links are built on: the address the console was reached at (the proxy's, as
 * `trustProxy` reads X-Forwarded-Proto/Host), so links in mails and QR codes open the same site.
 */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function literals<T extends string>(values: readonly T[]) {
  return Type.Union(values.map((value) => Type.Literal(value)));
}

const AssociationTypeSchema = literals(associationTypes);
const MemberRefSchema = Type.Object(
  { id: Type.String(), user_name: Type.String(), display_name: Type.String() },
  { additionalProperties: false },
);
export const DevelopmentIdParamsSchema = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

/** Optional time bounds of list filters, as the wire writes times. */
const timeFilter = () => Type.Optional(WireTimeSchema);

export function fromWireTime(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalidParameter(field, 'is not a valid time');
  return date;
}

// Pre-registrations ------------------------------------------------------------------------

export const CreatePreregistrationRequestSchema = Type.Object(
  {
    customer_name: Type.String({ minLength: 1, maxLength: 128 }),
    contact_name: Type.Optional(Type.String({ maxLength: 64 })),
    email: Type.Optional(Type.String({ maxLength: 64 })),
    mobile: Type.Optional(Type.String({ maxLength: 32 })),
    association_type: AssociationTypeSchema,
  },
  { additionalProperties: false },
);

export const ListPreregistrationsQuerySchema = Type.Object(
  {
    ...pagingProperties(100),
    customer_name: Type.Optional(Type.String({ maxLength: 128 })),
    status: Type.Optional(literals(preregistrationStatuses)),
    created_from: timeFilter(),
    created_to: timeFilter(),
  },
  { additionalProperties: false },
);

export function fromWirePreregistrationFilters(query: {
  customer_name?: string | undefined;
  status?: PreregistrationStatus | undefined;
  created_from?: string | undefined;
  created_to?: string | undefined;
}): PreregistrationFilters {
  return {
    customerName: query.customer_name,
    status: query.status,
    createdFrom: fromWireTime(query.created_from, 'created_from'),
    createdTo: fromWireTime(query.created_to, 'created_to'),
  };
}

const PreregistrationSchema = Type.Object(
  {
    id: Type.String(),
    customer_name: Type.String(),
    contact_name: Type.String(),
    email: Type.String({ description: 'Masked' }),
    mobile: Type.String({ description: 'Masked' }),
    association_type: Type.String(),
    status: Type.String(),
    expires_at: Type.Union([Type.String(), Type.Null()]),
    created_at: Type.String(),
    created_by: MemberRefSchema,
    customer_id: Type.Union([Type.String(), Type.Null()]),
    opinion: Type.String(),
  },
  { additionalProperties: false },
);

export const PreregistrationResponseSchema = PreregistrationSchema;

export const ListPreregistrationsResponseSchema = Type.Object(
  { total_count: Type.Integer(), preregistrations: Type.Array(PreregistrationSchema) },
  { additionalProperties: false },
);

export function toWirePreregistration(
  view: PreregistrationView,
): Static<typeof PreregistrationSchema> {
  return {
    id: view.id,
    customer_name: view.customerName,
    contact_name: view.contactName,
    email: maskCustomerEmail(view.email),
    mobile: maskCustomerMobile(view.mobile),
    association_type: view.associationType,
    status: view.status,
    expires_at: toWireTime(view.expiresAt) ?? null,
    created_at: toWireTime(view.createdAt) ?? '',
    created_by: {
      id: view.createdBy.id,
      user_name: view.createdBy.userName,
      display_name: view.createdBy.displayName,
    },
    customer_id: view.customerId,
    opinion: view.opinion,
  };
}

const ReviewItemSchema = Type.Object(
  { ...PreregistrationSchema.properties, partner_id: Type.String(), partner_name: Type.String() },
  { additionalProperties: false },
);

export const ListReviewsResponseSchema = Type.Object(
  { total_count: Type.Integer(), preregistrations: Type.Array(ReviewItemSchema) },
  { additionalProperties: false },
);

export const ListReviewsQuerySchema = Type.Object(pagingProperties(100), {
  additionalProperties: false,
});

export function toWireReviewItem(item: ReviewQueueItem): Static<typeof ReviewItemSchema> {
  return {
    ...toWirePreregistration(item),
    partner_id: item.partnerId,
    partner_name: item.partnerName,
  };
}

export const DecidePreregistrationRequestSchema = Type.Object(
  { approve: Type.Boolean(), opinion: Type.Optional(Type.String({ maxLength: 1024 })) },
  { additionalProperties: false },
);

export const DevelopmentSettingsSchema = Type.Object(
  { referral_enabled: Type.Boolean() },
  { additionalProperties: false },
);

export const ReferralSettingRequestSchema = Type.Object(
  { enabled: Type.Boolean() },
  { additionalProperties: false },
);

export const PartnerIdParamsSchema = Type.Object(
  { partner_id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

// Invitations ------------------------------------------------------------------------------

export const SendInvitationsRequestSchema = Type.Object(
  {
    emails: Type.Array(Type.String({ maxLength: 255 }), { maxItems: MAX_BATCH_INVITATIONS }),
    association_type: AssociationTypeSchema,
    preregistration_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const PreviewInvitationQuerySchema = Type.Object(
  { association_type: AssociationTypeSchema },
  { additionalProperties: false },
);

export const PreviewInvitationResponseSchema = Type.Object(
  { subject: Type.String(), text: Type.String() },
  { additionalProperties: false },
);

export const ListInvitationsQuerySchema = Type.Object(
  {
    ...pagingProperties(100),
    channel: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('link')])),
    email: Type.Optional(Type.String({ maxLength: 255 })),
    status: Type.Optional(literals(invitationStatuses)),
    sent_from: timeFilter(),
    sent_to: timeFilter(),
  },
  { additionalProperties: false },
);

export function fromWireInvitationFilters(query: {
  channel?: InvitationChannel | undefined;
  email?: string | undefined;
  status?: InvitationStatus | undefined;
  sent_from?: string | undefined;
  sent_to?: string | undefined;
}): InvitationFilters {
  return {
    channel: query.channel,
    email: query.email,
    status: query.status,
    sentFrom: fromWireTime(query.sent_from, 'sent_from'),
    sentTo: fromWireTime(query.sent_to, 'sent_to'),
  };
}

const InvitationSchema = Type.Object(
  {
    id: Type.String(),
    channel: Type.String(),
    token: Type.Union([Type.String(), Type.Null()]),
    email: Type.String(),
    association_type: Type.String(),
    status: Type.String(),
    sent_at: Type.String(),
    expires_at: Type.Union([Type.String(), Type.Null()]),
    resend_count: Type.Integer(),
    tag: Type.String(),
    preregistration_id: Type.Union([Type.String(), Type.Null()]),
    inviter: MemberRefSchema,
    created_at: Type.String(),
  },
  { additionalProperties: false },
);

export const InvitationResponseSchema = InvitationSchema;

export const InvitationListResponseSchema = Type.Object(
  { total_count: Type.Integer(), invitations: Type.Array(InvitationSchema) },
  { additionalProperties: false },
);

export const SentInvitationsResponseSchema = Type.Object(
  { invitations: Type.Array(InvitationSchema) },
  { additionalProperties: false },
);

export function toWireInvitation(view: InvitationView): Static<typeof InvitationSchema> {
  return {
    id: view.id,
    channel: view.channel,
    token: view.token,
    email: view.email,
    association_type: view.associationType,
    status: view.status,
    sent_at: toWireTime(view.sentAt) ?? '',
    expires_at: toWireTime(view.expiresAt) ?? null,
    resend_count: view.resendCount,
    tag: view.tag,
    preregistration_id: view.preregistrationId,
    inviter: {
      id: view.inviter.id,
      user_name: view.inviter.userName,
      display_name: view.inviter.displayName,
    },
    created_at: toWireTime(view.createdAt) ?? '',
  };
}

export const GenerateLinkRequestSchema = Type.Object(
  { association_type: AssociationTypeSchema },
  { additionalProperties: false },
);

// History ----------------------------------------------------------------------------------

const attemptFilterProperties = {
  account_name: Type.Optional(Type.String({ maxLength: 64 })),
  outcome: Type.Optional(literals(invitationOutcomes)),
  occurred_from: timeFilter(),
  occurred_to: timeFilter(),
};

export const ListAttemptsQuerySchema = Type.Object(
  { ...pagingProperties(100), ...attemptFilterProperties },
  { additionalProperties: false },
);

export const ExportAttemptsQuerySchema = Type.Object(
  { format: Type.Optional(literals(exportFormats)), ...attemptFilterProperties },
  { additionalProperties: false },
);

export function fromWireAttemptFilters(query: {
  account_name?: string | undefined;
  outcome?: 'associated' | 'failed' | undefined;
  occurred_from?: string | undefined;
  occurred_to?: string | undefined;
}) {
  return {
    accountName: query.account_name,
    outcome: query.outcome,
    occurredFrom: fromWireTime(query.occurred_from, 'occurred_from'),
    occurredTo: fromWireTime(query.occurred_to, 'occurred_to'),
  };
}

const AttemptSchema = Type.Object(
  {
    id: Type.String(),
    invitation_id: Type.String(),
    channel: Type.String(),
    email: Type.String({ description: 'Masked' }),
    association_type: Type.String(),
    customer_id: Type.Union([Type.String(), Type.Null()]),
    account_name: Type.String(),
    outcome: Type.String(),
    failure_cause: Type.String(),
    occurred_at: Type.String(),
    inviter: MemberRefSchema,
  },
  { additionalProperties: false },
);

export const ListAttemptsResponseSchema = Type.Object(
  { total_count: Type.Integer(), attempts: Type.Array(AttemptSchema) },
  { additionalProperties: false },
);

export function toWireAttempt(view: AttemptView): Static<typeof AttemptSchema> {
  return {
    id: view.id,
    invitation_id: view.invitationId,
    channel: view.channel,
    email: maskCustomerEmail(view.email),
    association_type: view.associationType,
    customer_id: view.customerId,
    account_name: view.accountName,
    outcome: view.outcome,
    failure_cause: view.failureCause,
    occurred_at: toWireTime(view.occurredAt) ?? '',
    inviter: {
      id: view.inviter.id,
      user_name: view.inviter.userName,
      display_name: view.inviter.displayName,
    },
  };
}

// Public acceptance page -------------------------------------------------------------------

export const TokenParamsSchema = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const InvitationInfoSchema = Type.Object(
  {
    partner_name: Type.String(),
    association_type: Type.String(),
    channel: Type.String(),
    status: Type.String(),
    expires_at: Type.Union([Type.String(), Type.Null()]),
    email: Type.String(),
    notice_version: Type.String(),
  },
  { additionalProperties: false },
);

export function toWireInvitationInfo(info: InvitationInfo): Static<typeof InvitationInfoSchema> {
  return {
    partner_name: info.partnerName,
    association_type: info.associationType,
    channel: info.channel,
    status: info.status,
    expires_at: toWireTime(info.expiresAt) ?? null,
    email: info.email,
    notice_version: info.noticeVersion,
  };
}

export const SendCodeRequestSchema = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 255 }) },
  { additionalProperties: false },
);

export const SendCodeResponseSchema = Type.Object(
  { email: Type.String(), expires_at: Type.String() },
  { additionalProperties: false },
);

export function toWireCodeSent(sent: {
  email: string;
  expiresAt: Date;
}): Static<typeof SendCodeResponseSchema> {
  return { email: sent.email, expires_at: toWireTime(sent.expiresAt) ?? '' };
}

export const RegisterRequestSchema = Type.Object(
  {
    account_name: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 64 }),
    email: Type.String({ minLength: 1, maxLength: 255 }),
    verification_code: Type.String({ minLength: 1, maxLength: 16 }),
    accept_notice: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const AssociateRequestSchema = Type.Object(
  {
    account_name: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 64 }),
    accept_notice: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const AcceptanceResultSchema = Type.Object(
  {
    outcome: Type.Union([Type.Literal('associated'), Type.Literal('failed')]),
    failure_cause: Type.Union([Type.String(), Type.Null()]),
    customer_id: Type.Union([Type.String(), Type.Null()]),
    account_name: Type.String(),
  },
  { additionalProperties: false },
);

export function toWireAcceptance(result: AcceptanceResult): Static<typeof AcceptanceResultSchema> {
  return {
    outcome: result.outcome,
    failure_cause: result.failureCause,
    customer_id: result.customerId,
    account_name: result.accountName,
  };
}
