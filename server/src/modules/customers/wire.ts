import { Type, type Static } from '@sinclair/typebox';
import { invalidParameter } from '../../platform/http/errors.ts';
import { exportFormats } from '../../platform/exports/index.ts';
import { toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import {
  LIST_MAX_LIMIT,
  LIST_MAX_OFFSET,
  MAX_BATCH_CUSTOMERS,
  maskCustomerEmail,
  maskCustomerMobile,
  NEW_TAG_MAX_LIMIT,
} from './rules.ts';
import { associationTypes } from './schema.ts';
import type {
  AssignmentPeriod,
  AssociationRecordView,
  ConsoleCustomerFilters,
  CreateCustomerInput,
  CreatedCustomer,
  CustomerDetail,
  CustomerListItem,
  CustomerTag,
  IdentityCheck,
  ResellerCustomerFilters,
  ResellerCustomerItem,
  SendCodeInput,
  SubCustomerFilters,
} from './service/index.ts';
import type { ResellerRef } from '../partners/index.ts';

/** A string field that may also arrive as null (the catalog's "absent / null / empty"). */
function nullableString(options: { maxLength: number; description?: string }) {
  return Type.Optional(Type.Union([Type.String(options), Type.Null()]));
}

// ---- CheckUserIdentity -------------------------------------------------------------------------

export const CheckIdentityRequestSchema = Type.Object(
  {
    search_type: Type.Union([Type.Literal('email'), Type.Literal('mobile'), Type.Literal('name')]),
    search_value: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);

export const CheckIdentityResponseSchema = Type.Object(
  {
    check_result: Type.String({ description: 'available | used_by_user' }),
    mobile_remain_available_num: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

export function toWireIdentityCheck(
  check: IdentityCheck,
): Static<typeof CheckIdentityResponseSchema> {
  return {
    check_result: check.checkResult,
    ...(check.mobileRemainAvailableNum === undefined
      ? {}
      : { mobile_remain_available_num: check.mobileRemainAvailableNum }),
  };
}

// ---- SendVerificationMessageCode ---------------------------------------------------------------

export const SendCodeRequestSchema = Type.Object(
  {
    receiver_type: Type.Integer({ description: '1 = SMS' }),
    timeout: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440, description: 'Minutes' })),
    mobile_phone: Type.String({ minLength: 1, maxLength: 32 }),
    lang: Type.Optional(Type.Union([Type.Literal('zh-cn'), Type.Literal('en-us')])),
    scene: Type.Optional(
      Type.Integer({ description: '29 registration (default), 18 bank-card auth' }),
    ),
    customer_id: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

export function fromWireSendCode(body: Static<typeof SendCodeRequestSchema>): SendCodeInput {
  return {
    receiverType: body.receiver_type,
    timeout: body.timeout,
    mobilePhone: body.mobile_phone,
    lang: body.lang,
    scene: body.scene,
    customerId: body.customer_id,
  };
}

// ---- CreateSubCustomer -------------------------------------------------------------------------

export const CreateCustomerRequestSchema = Type.Object(
  {
    domain_name: nullableString({ maxLength: 32 }),
    mobile_phone: nullableString({ maxLength: 32 }),
    verification_code: nullableString({ maxLength: 16 }),
    xaccount_id: Type.String({ minLength: 1, maxLength: 128 }),
    xaccount_type: Type.String({ minLength: 1, maxLength: 64 }),
    password: nullableString({ maxLength: 64 }),
    is_close_market_ms: nullableString({ maxLength: 8 }),
    cooperation_type: nullableString({ maxLength: 8 }),
    indirect_partner_id: nullableString({ maxLength: 64 }),
    include_association_result: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  },
  { additionalProperties: false },
);

export function fromWireCreateCustomer(
  body: Static<typeof CreateCustomerRequestSchema>,
): CreateCustomerInput {
  return {
    domainName: body.domain_name,
    mobilePhone: body.mobile_phone,
    verificationCode: body.verification_code,
    xaccountId: body.xaccount_id,
    xaccountType: body.xaccount_type,
    password: body.password,
    isCloseMarketMs: body.is_close_market_ms,
    cooperationType: body.cooperation_type,
    indirectPartnerId: body.indirect_partner_id,
  };
}

export const CreateCustomerResponseSchema = Type.Object(
  { domain_id: Type.String(), domain_name: Type.String() },
  { additionalProperties: false },
);

export function toWireCreatedCustomer(created: CreatedCustomer) {
  return { domain_id: created.domainId, domain_name: created.domainName };
}

// ---- ListSubCustomers --------------------------------------------------------------------------

const AssociationTypeSchema = Type.Union(associationTypes.map((value) => Type.Literal(value)));

export const ListCustomersRequestSchema = Type.Object(
  {
    account_name: nullableString({ maxLength: 64 }),
    customer: nullableString({ maxLength: 64 }),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: LIST_MAX_OFFSET, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIST_MAX_LIMIT, default: 10 })),
    label: nullableString({ maxLength: 64 }),
    association_type: Type.Optional(
      Type.Union([AssociationTypeSchema, Type.Literal(''), Type.Null()]),
    ),
    // The catalog refuses "" for the time bounds, so unlike the text filters they are not nullable.
    associated_on_begin: Type.Optional(WireTimeSchema),
    associated_on_end: Type.Optional(WireTimeSchema),
    customer_id: nullableString({ maxLength: 64 }),
    indirect_partner_id: nullableString({ maxLength: 64 }),
  },
  { additionalProperties: false },
);

function wireDate(value: string | undefined, field: string): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalidParameter(field, 'is not a valid time');
  return date;
}

export function fromWireListCustomers(
  body: Static<typeof ListCustomersRequestSchema>,
): SubCustomerFilters {
  return {
    accountName: body.account_name,
    customer: body.customer,
    label: body.label,
    associationType: body.association_type || undefined,
    associatedOnBegin: wireDate(body.associated_on_begin, 'associated_on_begin'),
    associatedOnEnd: wireDate(body.associated_on_end, 'associated_on_end'),
    customerId: body.customer_id,
    indirectPartnerId: body.indirect_partner_id,
  };
}

const CustomerInfoSchema = Type.Object(
  {
    customer: Type.String(),
    account_name: Type.String(),
    customer_id: Type.String(),
    associated_on: Type.String(),
    association_type: Type.String(),
    label: Type.String(),
    telephone: Type.String(),
    verified_status: Type.String(),
    country_code: Type.String(),
    customer_type: Type.Integer(),
    is_frozen: Type.Integer(),
    account_managers: Type.Array(Type.Object({ account_name: Type.String() })),
    xaccount_id: Type.String(),
    xaccount_type: Type.String(),
    customer_level: Type.String(),
    email: Type.String(),
  },
  { additionalProperties: false },
);

export const ListCustomersResponseSchema = Type.Object(
  { customer_infos: Type.Array(CustomerInfoSchema), count: Type.Integer() },
  { additionalProperties: false },
);

export function toWireCustomerInfo(item: CustomerListItem): Static<typeof CustomerInfoSchema> {
  const c = item.customer;
  return {
    customer: c.customerName,
    account_name: c.accountName,
    customer_id: c.id,
    associated_on: toWireTime(c.associatedOn) ?? '',
    association_type: c.associationType,
    label: c.label,
    telephone: c.mobile,
    verified_status: c.verifiedStatus,
    country_code: c.countryCode,
    customer_type: c.customerType,
    is_frozen: c.isFrozen,
    account_managers: item.accountManager ? [{ account_name: item.accountManager.userName }] : [],
    xaccount_id: c.xaccountId,
    xaccount_type: c.xaccountType,
    customer_level: c.customerLevel,
    email: c.email,
  };
}

// ---- ListSubCustomerNewTag ---------------------------------------------------------------------

export const NewTagsRequestSchema = Type.Object(
  {
    customer_ids: Type.Optional(
      Type.Union([
        Type.Array(Type.String({ maxLength: 64 }), { maxItems: NEW_TAG_MAX_LIMIT }),
        Type.Null(),
      ]),
    ),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: NEW_TAG_MAX_LIMIT, default: 10 })),
    indirect_partner_id: nullableString({ maxLength: 64 }),
  },
  { additionalProperties: false },
);

export const NewTagsResponseSchema = Type.Object(
  {
    new_customer_tags: Type.Array(
      Type.Object(
        {
          customer_id: Type.String(),
          customer_tag_type: Type.String(),
          new_customer_tag: Type.String(),
          effective_time: Type.String(),
          expire_time: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export function toWireCustomerTag(tag: CustomerTag) {
  return {
    customer_id: tag.customerId,
    customer_tag_type: tag.customerTagType,
    new_customer_tag: tag.newCustomerTag,
    effective_time: tag.effectiveTime,
    expire_time: tag.expireTime,
  };
}

// ---- Console -----------------------------------------------------------------------------------

const consoleFilterProperties = {
  keyword: Type.Optional(Type.String({ maxLength: 64 })),
  association_type: Type.Optional(AssociationTypeSchema),
  account_manager_id: Type.Optional(Type.String({ maxLength: 64 })),
  unassigned: Type.Optional(Type.Boolean()),
  label: Type.Optional(Type.String({ maxLength: 64 })),
};

export const ConsoleListQuerySchema = Type.Object(
  {
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: LIST_MAX_OFFSET, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIST_MAX_LIMIT, default: 10 })),
    ...consoleFilterProperties,
  },
  { additionalProperties: false },
);

export const ConsoleExportQuerySchema = Type.Object(
  {
    format: Type.Optional(Type.Union(exportFormats.map((format) => Type.Literal(format)))),
    ...consoleFilterProperties,
  },
  { additionalProperties: false },
);

export function fromWireConsoleFilters(query: {
  keyword?: string | undefined;
  association_type?: '1' | '2' | undefined;
  account_manager_id?: string | undefined;
  unassigned?: boolean | undefined;
  label?: string | undefined;
}): ConsoleCustomerFilters {
  return {
    keyword: query.keyword,
    associationType: query.association_type,
    accountManagerId: query.account_manager_id,
    unassigned: query.unassigned,
    label: query.label,
  };
}

const MemberRefSchema = Type.Object(
  { id: Type.String(), user_name: Type.String(), display_name: Type.String() },
  { additionalProperties: false },
);

const consoleItemProperties = {
  customer_id: Type.String(),
  account_name: Type.String(),
  customer_name: Type.String(),
  email: Type.String({ description: 'Masked, e.g. a***@example.com' }),
  mobile: Type.String({ description: 'Masked, e.g. 0086-138****0000' }),
  association_type: Type.String(),
  associated_on: Type.String(),
  label: Type.String(),
  verified_status: Type.String(),
  customer_type: Type.Integer(),
  is_frozen: Type.Integer(),
  xaccount_id: Type.String(),
  account_manager: Type.Union([MemberRefSchema, Type.Null()]),
};

const ConsoleCustomerSchema = Type.Object(consoleItemProperties, { additionalProperties: false });

export const ConsoleListResponseSchema = Type.Object(
  { total_count: Type.Integer(), customers: Type.Array(ConsoleCustomerSchema) },
  { additionalProperties: false },
);

export function toWireConsoleCustomer(
  item: CustomerListItem,
): Static<typeof ConsoleCustomerSchema> {
  const c = item.customer;
  const manager = item.accountManager;
  return {
    customer_id: c.id,
    account_name: c.accountName,
    customer_name: c.customerName,
    email: maskCustomerEmail(c.email),
    mobile: maskCustomerMobile(c.mobile),
    association_type: c.associationType,
    associated_on: toWireTime(c.associatedOn) ?? '',
    label: c.label,
    verified_status: c.verifiedStatus,
    customer_type: c.customerType,
    is_frozen: c.isFrozen,
    xaccount_id: c.xaccountId,
    account_manager: manager
      ? { id: manager.id, user_name: manager.userName, display_name: manager.displayName }
      : null,
  };
}

const AssignmentSchema = Type.Object(
  {
    member_id: Type.String(),
    user_name: Type.String(),
    display_name: Type.String(),
    started_at: Type.String(),
    ended_at: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

const AssociationRecordSchema = Type.Object(
  {
    event: Type.String(),
    association_type: Type.String(),
    occurred_at: Type.String(),
    actor: Type.String(),
  },
  { additionalProperties: false },
);

export const ConsoleDetailSchema = Type.Object(
  {
    ...consoleItemProperties,
    created_at: Type.String(),
    /** `active` (已关联) or `disassociated` (已解除关联, SM-3). */
    status: Type.Union([Type.Literal('active'), Type.Literal('disassociated')]),
    assignments: Type.Array(AssignmentSchema),
    association_records: Type.Array(AssociationRecordSchema),
  },
  { additionalProperties: false },
);

function toWireAssignment(period: AssignmentPeriod): Static<typeof AssignmentSchema> {
  return {
    member_id: period.memberId,
    user_name: period.userName,
    display_name: period.displayName,
    started_at: toWireTime(period.startedAt) ?? '',
    ended_at: toWireTime(period.endedAt) ?? null,
  };
}

function toWireAssociationRecord(
  record: AssociationRecordView,
): Static<typeof AssociationRecordSchema> {
  return {
    event: record.event,
    association_type: record.associationType,
    occurred_at: toWireTime(record.occurredAt) ?? '',
    actor: record.actor,
  };
}

export function toWireConsoleDetail(detail: CustomerDetail): Static<typeof ConsoleDetailSchema> {
  return {
    ...toWireConsoleCustomer(detail),
    created_at: toWireTime(detail.customer.createdAt) ?? '',
    status: detail.customer.status,
    assignments: detail.assignments.map(toWireAssignment),
    association_records: detail.associationRecords.map(toWireAssociationRecord),
  };
}

export const CustomerIdParamsSchema = Type.Object(
  { customer_id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const RevealRequestSchema = Type.Object(
  { field: Type.Union([Type.Literal('email'), Type.Literal('mobile')]) },
  { additionalProperties: false },
);

export const RevealResponseSchema = Type.Object(
  { value: Type.String() },
  { additionalProperties: false },
);

const CustomerIdsSchema = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  minItems: 1,
  maxItems: MAX_BATCH_CUSTOMERS,
});

export const AssignRequestSchema = Type.Object(
  { customer_ids: CustomerIdsSchema, member_id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

export const AssignResponseSchema = Type.Object(
  { assigned: Type.Integer() },
  { additionalProperties: false },
);

export const UnassignRequestSchema = Type.Object(
  { customer_ids: CustomerIdsSchema },
  { additionalProperties: false },
);

export const UnassignResponseSchema = Type.Object(
  { unassigned: Type.Integer() },
  { additionalProperties: false },
);

export const AssignableMembersResponseSchema = Type.Object(
  {
    members: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          user_name: Type.String(),
          display_name: Type.String(),
          role_code: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

// ---- Console: the distributor's 云经销商的客户 -----------------------------------------------

const resellerCustomerFilterProperties = {
  reseller_id: Type.Optional(Type.String({ maxLength: 64 })),
  keyword: Type.Optional(Type.String({ maxLength: 64 })),
  association_type: Type.Optional(AssociationTypeSchema),
  label: Type.Optional(Type.String({ maxLength: 64 })),
};

export const ResellerCustomersQuerySchema = Type.Object(
  {
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: LIST_MAX_OFFSET, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIST_MAX_LIMIT, default: 10 })),
    ...resellerCustomerFilterProperties,
  },
  { additionalProperties: false },
);

export const ResellerCustomersExportQuerySchema = Type.Object(
  {
    format: Type.Optional(Type.Union(exportFormats.map((format) => Type.Literal(format)))),
    ...resellerCustomerFilterProperties,
  },
  { additionalProperties: false },
);

export function fromWireResellerCustomerFilters(query: {
  reseller_id?: string | undefined;
  keyword?: string | undefined;
  association_type?: '1' | '2' | undefined;
  label?: string | undefined;
}): ResellerCustomerFilters {
  return {
    resellerId: query.reseller_id,
    keyword: query.keyword,
    associationType: query.association_type,
    label: query.label,
  };
}

const ResellerRefSchema = Type.Object(
  { id: Type.String(), name: Type.String(), company_name: Type.String() },
  { additionalProperties: false },
);

const ResellerCustomerSchema = Type.Object(
  { ...consoleItemProperties, reseller: ResellerRefSchema },
  { additionalProperties: false },
);

export const ResellerCustomersResponseSchema = Type.Object(
  { total_count: Type.Integer(), customers: Type.Array(ResellerCustomerSchema) },
  { additionalProperties: false },
);

export const ResellerFilterOptionsResponseSchema = Type.Object(
  { resellers: Type.Array(ResellerRefSchema) },
  { additionalProperties: false },
);

export function toWireResellerRef(reseller: ResellerRef): Static<typeof ResellerRefSchema> {
  return { id: reseller.id, name: reseller.name, company_name: reseller.companyName };
}

export function toWireResellerCustomer(
  item: ResellerCustomerItem,
): Static<typeof ResellerCustomerSchema> {
  return { ...toWireConsoleCustomer(item), reseller: toWireResellerRef(item.reseller) };
}
