import { Type, type Static } from '@sinclair/typebox';
import { exportFormats } from '../../platform/exports/index.ts';
import { invalidParameter } from '../../platform/http/errors.ts';
import { toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import {
  associationEvents,
  associationRequestInitiators,
  associationRequestKinds,
  associationRequestStatuses,
  associationTypes,
  customerStatuses,
} from './schema.ts';
import type {
  AssociationRecordFilters,
  AssociationRecordItem,
} from './service/association-records.ts';
import type { AccountCheckResult, PartnerRequestState } from './service/association-partner.ts';
import type { MyAssociation } from './service/association-portal.ts';
import type { AssociationRequestView, RequestAllowance } from './service/association.ts';
import type {
  AssociationRequestLimitSetting,
  PreReviewSettingView,
} from './service/association-policy.ts';
import { preReviewQueues, type PreReviewItem } from './service/association-review.ts';
import { MAX_ASSOCIATION_REASON_LENGTH } from './service/association-rules.ts';

function literals<T extends string>(values: readonly T[]) {
  return Type.Union(values.map((value) => Type.Literal(value)));
}

const AssociationTypeSchema = literals(associationTypes);
const RequestKindSchema = literals(associationRequestKinds);

export const AssociationRequestSchema = Type.Object(
  {
    id: Type.String(),
    customer_id: Type.String(),
    customer_account_name: Type.String(),
    kind: RequestKindSchema,
    initiator: literals(associationRequestInitiators),
    from_association_type: AssociationTypeSchema,
    to_association_type: Type.Union([AssociationTypeSchema, Type.Null()]),
    reason: Type.String(),
    status: literals(associationRequestStatuses),
    requested_by: Type.String(),
    opinion: Type.String(),
    decided_by: Type.String(),
    decided_at: Type.Union([WireTimeSchema, Type.Null()]),
    created_at: WireTimeSchema,
    reviewed_by: Type.String({
      description: "The operator's pre-reviewer (R-DIS-06); empty if none",
    }),
    reviewed_at: Type.Union([WireTimeSchema, Type.Null()]),
    review_opinion: Type.String({ description: 'Why the pre-review failed (or a note on a pass)' }),
    reviewer_contact: Type.String({
      description: 'How to reach the reviewers about a failed pre-review',
    }),
  },
  { additionalProperties: false },
);

export function toWireAssociationRequest(view: AssociationRequestView) {
  return {
    id: view.id,
    customer_id: view.customerId,
    customer_account_name: view.customerAccountName,
    kind: view.kind,
    initiator: view.initiator,
    from_association_type: view.fromAssociationType,
    to_association_type: view.toAssociationType,
    reason: view.reason,
    status: view.status,
    requested_by: view.requestedBy,
    opinion: view.opinion,
    decided_by: view.decidedBy,
    decided_at: toWireTime(view.decidedAt) ?? null,
    created_at: toWireTime(view.createdAt) ?? '',
    reviewed_by: view.reviewedBy,
    reviewed_at: toWireTime(view.reviewedAt) ?? null,
    review_opinion: view.reviewOpinion,
    reviewer_contact: view.reviewerContact,
  };
}

const AllowanceSchema = Type.Object(
  { max_requests: Type.Integer(), period_months: Type.Integer(), used: Type.Integer() },
  { additionalProperties: false },
);

function toWireAllowance(allowance: RequestAllowance) {
  return {
    max_requests: allowance.maxRequests,
    period_months: allowance.periodMonths,
    used: allowance.used,
  };
}

export const RequestIdParamsSchema = Type.Object(
  { request_id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const AccountCheckQuerySchema = Type.Object(
  { kind: RequestKindSchema },
  { additionalProperties: false },
);

export const AccountCheckResponseSchema = Type.Object(
  {
    kind: RequestKindSchema,
    passed: Type.Boolean(),
    blockers: Type.Array(
      Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: false }),
    ),
    allowance: AllowanceSchema,
    open_request: Type.Union([AssociationRequestSchema, Type.Null()]),
  },
  { additionalProperties: false },
);

export function toWireAccountCheck(result: AccountCheckResult) {
  return {
    kind: result.kind,
    passed: result.passed,
    blockers: result.blockers.map((blocker) => ({ code: blocker.code, message: blocker.message })),
    allowance: toWireAllowance(result.allowance),
    open_request: result.openRequest ? toWireAssociationRequest(result.openRequest) : null,
  };
}

const ReasonSchema = Type.String({ minLength: 1, maxLength: MAX_ASSOCIATION_REASON_LENGTH });

export const CreateAssociationRequestSchema = Type.Object(
  { kind: RequestKindSchema, reason: ReasonSchema, acknowledged: Type.Boolean() },
  { additionalProperties: false },
);

export const ApplyDisassociationSchema = Type.Object(
  { reason: ReasonSchema, acknowledged: Type.Boolean() },
  { additionalProperties: false },
);

export const DecideRequestSchema = Type.Object(
  { opinion: Type.Optional(Type.String({ maxLength: 1024 })) },
  { additionalProperties: false },
);

export const OpenRequestResponseSchema = Type.Object(
  {
    request: Type.Union([AssociationRequestSchema, Type.Null()]),
    failed_review: Type.Union([AssociationRequestSchema, Type.Null()], {
      description: "The customer's newest request when it failed the operator's pre-review",
    }),
  },
  { additionalProperties: false },
);

export function toWirePartnerRequestState(state: PartnerRequestState) {
  return {
    request: state.open ? toWireAssociationRequest(state.open) : null,
    failed_review: state.failedReview ? toWireAssociationRequest(state.failedReview) : null,
  };
}

// ---- 管理关联记录 ---------------------------------------------------------------------------------

const recordFilterProperties = {
  customer: Type.Optional(Type.String({ maxLength: 64 })),
  event: Type.Optional(literals(associationEvents)),
  occurred_from: Type.Optional(WireTimeSchema),
  occurred_to: Type.Optional(WireTimeSchema),
};

export const AssociationRecordsQuerySchema = Type.Object(
  {
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 10 })),
    ...recordFilterProperties,
  },
  { additionalProperties: false },
);

export const AssociationRecordsExportQuerySchema = Type.Object(
  { format: Type.Optional(literals(exportFormats)), ...recordFilterProperties },
  { additionalProperties: false },
);

function parseTime(field: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalidParameter(field, 'is not a valid time');
  return date;
}

export function fromWireRecordFilters(
  query: Static<typeof AssociationRecordsExportQuerySchema>,
): AssociationRecordFilters {
  return {
    customer: query.customer?.trim() || undefined,
    event: query.event,
    occurredFrom: parseTime('occurred_from', query.occurred_from),
    occurredTo: parseTime('occurred_to', query.occurred_to),
  };
}

const RecordRequestSchema = Type.Object(
  {
    id: Type.String(),
    kind: RequestKindSchema,
    initiator: literals(associationRequestInitiators),
    status: literals(associationRequestStatuses),
    from_association_type: AssociationTypeSchema,
    to_association_type: Type.Union([AssociationTypeSchema, Type.Null()]),
    reason: Type.String(),
    opinion: Type.String(),
    decided_by: Type.String(),
    review_opinion: Type.String(),
    reviewer_contact: Type.String(),
  },
  { additionalProperties: false },
);

export const AssociationRecordsResponseSchema = Type.Object(
  {
    total_count: Type.Integer(),
    records: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          customer_id: Type.String(),
          customer_account_name: Type.String(),
          customer_name: Type.String(),
          event: literals(associationEvents),
          association_type: AssociationTypeSchema,
          occurred_at: WireTimeSchema,
          actor: Type.String(),
          request: Type.Union([RecordRequestSchema, Type.Null()]),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export function toWireAssociationRecord(item: AssociationRecordItem) {
  const request = item.request;
  return {
    id: item.id,
    customer_id: item.customerId,
    customer_account_name: item.customerAccountName,
    customer_name: item.customerName,
    event: item.event,
    association_type: item.associationType,
    occurred_at: toWireTime(item.occurredAt) ?? '',
    actor: item.actor,
    request: request
      ? {
          id: request.id,
          kind: request.kind,
          initiator: request.initiator,
          status: request.status,
          from_association_type: request.fromAssociationType,
          to_association_type: request.toAssociationType,
          reason: request.reason,
          opinion: request.opinion,
          decided_by: request.decidedBy,
          review_opinion: request.reviewOpinion,
          reviewer_contact: request.reviewerContact,
        }
      : null,
  };
}

// ---- Operator setting -----------------------------------------------------------------------------

export const AssociationLimitRequestSchema = Type.Object(
  {
    max_requests: Type.Integer({ minimum: 1, maximum: 100 }),
    period_months: Type.Integer({ minimum: 1, maximum: 24 }),
  },
  { additionalProperties: false },
);

export const AssociationLimitResponseSchema = Type.Object(
  {
    key: Type.String(),
    max_requests: Type.Integer(),
    period_months: Type.Integer(),
    updated_at: Type.Union([WireTimeSchema, Type.Null()]),
    updated_by: Type.String(),
  },
  { additionalProperties: false },
);

export function toWireAssociationLimit(key: string, setting: AssociationRequestLimitSetting) {
  return {
    key,
    max_requests: setting.maxRequests,
    period_months: setting.periodMonths,
    updated_at: toWireTime(setting.updatedAt) ?? null,
    updated_by: setting.updatedBy,
  };
}

// ---- Operator pre-review (R-DIS-06) ---------------------------------------------------------------

export const PreReviewSettingRequestSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    reviewer_contact: Type.String({
      maxLength: 255,
      description: 'Shown to a partner with a failed pre-review; required while enabled',
    }),
  },
  { additionalProperties: false },
);

export const PreReviewSettingResponseSchema = Type.Object(
  {
    key: Type.String(),
    enabled: Type.Boolean(),
    reviewer_contact: Type.String(),
    updated_at: Type.Union([WireTimeSchema, Type.Null()]),
    updated_by: Type.String(),
  },
  { additionalProperties: false },
);

export function toWirePreReviewSetting(key: string, setting: PreReviewSettingView) {
  return {
    key,
    enabled: setting.enabled,
    reviewer_contact: setting.reviewerContact,
    updated_at: toWireTime(setting.updatedAt) ?? null,
    updated_by: setting.updatedBy,
  };
}

export const PreReviewQuerySchema = Type.Object(
  {
    queue: Type.Optional(literals(preReviewQueues)),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 10 })),
  },
  { additionalProperties: false },
);

const PreReviewItemSchema = Type.Object(
  {
    ...AssociationRequestSchema.properties,
    partner_id: Type.String(),
    partner_name: Type.String(),
    customer_name: Type.String(),
  },
  { additionalProperties: false },
);

export const PreReviewListResponseSchema = Type.Object(
  { total_count: Type.Integer(), requests: Type.Array(PreReviewItemSchema) },
  { additionalProperties: false },
);

export function toWirePreReviewItem(item: PreReviewItem) {
  return {
    ...toWireAssociationRequest(item),
    partner_id: item.partnerId,
    partner_name: item.partnerName,
    customer_name: item.customerName,
  };
}

export const ReviewRequestSchema = Type.Object(
  {
    opinion: Type.Optional(
      Type.String({ maxLength: 1024, description: 'The reason; required to fail the pre-review' }),
    ),
  },
  { additionalProperties: false },
);

// ---- Portal (我的合作伙伴) -------------------------------------------------------------------------

export const MyAssociationResponseSchema = Type.Object(
  {
    customer_id: Type.String(),
    account_name: Type.String(),
    partner_id: Type.String(),
    partner_name: Type.String(),
    association_type: AssociationTypeSchema,
    associated_on: WireTimeSchema,
    status: literals(customerStatuses),
    open_request: Type.Union([AssociationRequestSchema, Type.Null()]),
    requests: Type.Array(AssociationRequestSchema),
    allowance: AllowanceSchema,
  },
  { additionalProperties: false },
);

export function toWireMyAssociation(view: MyAssociation) {
  return {
    customer_id: view.customerId,
    account_name: view.accountName,
    partner_id: view.partnerId,
    partner_name: view.partnerName,
    association_type: view.associationType,
    associated_on: toWireTime(view.associatedOn) ?? '',
    status: view.status,
    open_request: view.openRequest ? toWireAssociationRequest(view.openRequest) : null,
    requests: view.requests.map(toWireAssociationRequest),
    allowance: toWireAllowance(view.allowance),
  };
}
