import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { idColumn, partnerIdColumn, timestampColumn } from '../../platform/db/columns.ts';

/** `association_type` on the wire: "1" referral (顾问销售), "2" resale (代售). */
export const associationTypes = ['1', '2'] as const;
export type AssociationType = (typeof associationTypes)[number];

/** Real-name state: -1 none, 0 under review, 1 rejected, 2 verified. */
export const verifiedStatuses = ['-1', '0', '1', '2'] as const;
export type VerifiedStatus = (typeof verifiedStatuses)[number];

export const customerStatuses = ['active', 'disassociated'] as const;
export type CustomerStatus = (typeof customerStatuses)[number];

/** 财务托管 (the master pays) or 独立核算 (independent accounting). */
export const enterpriseSubModes = ['hosted', 'independent'] as const;
export type EnterpriseSubMode = (typeof enterpriseSubModes)[number];

export const customerLevels = ['V0', 'V1', 'V2', 'V3', 'V4', 'V5'] as const;
export type CustomerLevel = (typeof customerLevels)[number];

/**
 * Customer accounts (Huawei "domains" of end customers). `partnerId` is the partner the customer
 * is associated with; a reseller's customer carries the reseller's id, so the distributor reads it
 * only through `indirect_partner_id`.
 */
export const customers = pgTable(
  'customers',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    accountName: varchar({ length: 64 }).notNull(),
    customerName: varchar({ length: 128 }).notNull().default(''),
    email: varchar({ length: 255 }).notNull().default(''),
    mobile: varchar({ length: 32 }).notNull().default(''),
    /** Null when created without a password: the customer signs in only through the partner's SSO. */
    passwordHash: varchar({ length: 255 }),
    xaccountId: varchar({ length: 128 }).notNull(),
    xaccountType: varchar({ length: 64 }).notNull(),
    label: varchar({ length: 64 }).notNull().default(''),
    associationType: varchar({ length: 2 }).$type<AssociationType>().notNull(),
    associatedOn: timestampColumn().notNull(),
    status: varchar({ length: 16 }).$type<CustomerStatus>().notNull().default('active'),
    isFrozen: integer().notNull().default(0),
    verifiedStatus: varchar({ length: 2 }).$type<VerifiedStatus>().notNull().default('-1'),
    customerType: integer().notNull().default(-1),
    customerLevel: varchar({ length: 2 }).$type<CustomerLevel>().notNull().default('V0'),
    countryCode: varchar({ length: 8 }).notNull().default('0086'),
    isCloseMarketMs: boolean().notNull().default(false),
    /** Enterprise Center: the master account of a sub account, and how the sub is accounted. */
    enterpriseMasterId: varchar({ length: 64 }),
    enterpriseSubMode: varchar({ length: 16 }).$type<EnterpriseSubMode>(),
    /**
     * The member of the open management period, copied from `customer_account_managers` in the
     * same transaction (service/assign.ts), so data scopes and the manager filter are index
     * lookups instead of a semi join over every customer of the partner.
     */
    accountManagerId: varchar({ length: 64 }),
    failedLoginCount: integer().notNull().default(0),
    lockedUntil: timestampColumn(),
    lastLoginAt: timestampColumn(),
    createdAt: timestampColumn().notNull(),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [
    uniqueIndex('customers_account_name_lower_unique').on(sql`lower(${t.accountName})`),
    uniqueIndex().on(t.xaccountType, t.xaccountId),
    // Lists page newest association first, ties by id: one index serves the order and the offset.
    // `status`, `association_type` and `label` trail the unique id, so they change no order but
    // let the lists' filters on them be checked inside an index-only walk instead of on the heap
    // row of every customer the walk passes.
    index('customers_partner_associated_on_id_status').on(
      t.partnerId,
      t.associatedOn.desc(),
      t.id,
      t.status,
      t.associationType,
      t.label,
    ),
    index('customers_partner_manager_associated_on_id_status').on(
      t.partnerId,
      t.accountManagerId,
      t.associatedOn.desc(),
      t.id,
      t.status,
    ),
    index().on(t.partnerId, t.associationType),
    // `account_name` filters match anywhere in the name (LIKE '%…%'), which only a trigram index serves.
    index('customers_account_name_trgm').using('gin', t.accountName.op('gin_trgm_ops')),
    // The per-phone registration cap counts across every partner.
    index().on(t.mobile),
  ],
);

/**
 * How many customers each partner has per current account manager ('' for none), association
 * type, label and status: the totals of the customer lists without a text or time filter, read
 * in a few rows instead of counting up to 100,000 customers per request. Maintained only by the
 * statement triggers on `customers` (migration 0011), in the transaction of every change.
 */
export const customerListCounts = pgTable(
  'customer_list_counts',
  {
    partnerId: partnerIdColumn(),
    accountManagerId: varchar({ length: 64 }).notNull(),
    associationType: varchar({ length: 2 }).$type<AssociationType>().notNull(),
    label: varchar({ length: 64 }).notNull(),
    status: varchar({ length: 16 }).$type<CustomerStatus>().notNull(),
    customers: integer().notNull(),
  },
  (t) => [
    primaryKey({
      name: 'customer_list_counts_pk',
      columns: [t.partnerId, t.accountManagerId, t.associationType, t.label, t.status],
    }),
  ],
);

/**
 * How many of a partner's customers in a status were associated on each day (UTC): where a deep
 * page of the whole list starts. Summing the days newer than a day gives the position of its
 * first customer in the list order, so an offset of 90,000 skips whole days in a few hundred
 * rows and walks the index only within one day. Maintained only by the statement triggers on
 * `customers` (migration 0020), in the transaction of every change.
 */
export const customerListDays = pgTable(
  'customer_list_days',
  {
    partnerId: partnerIdColumn(),
    status: varchar({ length: 16 }).$type<CustomerStatus>().notNull(),
    day: date({ mode: 'string' }).notNull(),
    customers: integer().notNull(),
  },
  (t) => [primaryKey({ name: 'customer_list_days_pk', columns: [t.partnerId, t.status, t.day] })],
);

/**
 * Management periods (R-AM): who managed a customer from when to when. `endedAt` null marks the
 * open period; consumption and performance are attributed through these rows.
 */
export const customerAccountManagers = pgTable(
  'customer_account_managers',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    customerId: varchar({ length: 64 }).notNull(),
    memberId: varchar({ length: 64 }).notNull(),
    startedAt: timestampColumn().notNull(),
    endedAt: timestampColumn(),
  },
  (t) => [
    uniqueIndex('customer_account_managers_open_unique')
      .on(t.partnerId, t.customerId)
      .where(sql`${t.endedAt} is null`),
    index().on(t.partnerId, t.customerId, t.startedAt),
    index().on(t.partnerId, t.memberId),
  ],
);

/**
 * SMS codes from SendVerificationMessageCode (delivered by mail here) and the e-mail codes of the
 * invitation acceptance page; only the hash is kept. `receiver` is the stored mobile form or the
 * lower-cased e-mail address, so the two kinds never share a receiver.
 */
export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    receiver: varchar({ length: 255 }).notNull(),
    scene: integer().notNull(),
    codeHash: varchar({ length: 64 }).notNull(),
    expiresAt: timestampColumn().notNull(),
    consumedAt: timestampColumn(),
    failedAttempts: integer().notNull().default(0),
    createdAt: timestampColumn().notNull(),
  },
  (t) => [index().on(t.partnerId, t.receiver, t.createdAt)],
);

export const associationEvents = [
  'associated',
  'disassociated',
  'type_switched',
  'request_submitted',
  'request_rejected',
  'request_withdrawn',
  'review_passed',
  'review_failed',
] as const;
export type AssociationEvent = (typeof associationEvents)[number];

/** History of a customer's association with its partner (管理关联记录). */
export const customerAssociationRecords = pgTable(
  'customer_association_records',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    customerId: varchar({ length: 64 }).notNull(),
    event: varchar({ length: 32 }).$type<AssociationEvent>().notNull(),
    associationType: varchar({ length: 2 }).$type<AssociationType>().notNull(),
    occurredAt: timestampColumn().notNull(),
    actor: varchar({ length: 255 }).notNull(),
    /** The disassociation or type-switch request behind the event, if any. */
    requestId: varchar({ length: 64 }),
  },
  (t) => [
    index().on(t.partnerId, t.customerId, t.occurredAt),
    index().on(t.partnerId, t.occurredAt),
  ],
);

/**
 * Per-partner switches of the customer features. `realnameUploadEnabled` is Partner Center's
 * "实名认证附件上传" (R-MISC-04): the real-name APIs answer only while it is on.
 */
export const customerPartnerSettings = pgTable('customer_partner_settings', {
  partnerId: partnerIdColumn().primaryKey(),
  realnameUploadEnabled: boolean().notNull().default(false),
  /** 通知结果绑定地址: where bind/unbind notifications are POSTed; empty when not configured. */
  bindingCallbackUrl: varchar({ length: 1024 }).notNull().default(''),
  /** Referral (顾问销售) invitations need the ecosystem manager's enablement (R-CUS-09). */
  referralEnabled: boolean().notNull().default(false),
  updatedAt: timestampColumn().notNull(),
});

export const realnameKinds = ['individual', 'enterprise', 'change'] as const;
export type RealnameKind = (typeof realnameKinds)[number];

export const realnameStatuses = ['in_review', 'approved', 'rejected'] as const;
export type RealnameStatus = (typeof realnameStatuses)[number];

/** The legal representative of an enterprise application, in Huawei's (misspelt) field names. */
export interface EnterprisePerson {
  legel_name: string;
  legel_id_number: string;
  certifier_role?: string | undefined;
}

/** The bank card of an individual bank-card application; the verification code is never kept. */
export interface BankCardInfo {
  bank_account: string;
  areacode: string;
  mobile: string;
}

/**
 * Real-name applications a partner submits for its customers, reviewed by the operator.
 * `verifiedNumberMasked` is what lists show; the full number is read only in the review detail.
 */
export const realnameApplications = pgTable(
  'realname_applications',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    customerId: varchar({ length: 64 }).notNull(),
    kind: varchar({ length: 16 }).$type<RealnameKind>().notNull(),
    identifyType: integer().notNull(),
    /** `verified_type` for individuals, `certificate_type` for enterprises. */
    documentType: integer(),
    name: varchar({ length: 256 }).notNull(),
    verifiedNumber: varchar({ length: 128 }).notNull(),
    verifiedNumberMasked: varchar({ length: 128 }).notNull(),
    verifiedFileUrl: text().array().notNull(),
    regCountry: varchar({ length: 8 }),
    regAddress: varchar({ length: 512 }),
    enterprisePerson: jsonb().$type<EnterprisePerson>(),
    bankCardInfo: jsonb().$type<BankCardInfo>(),
    xaccountType: varchar({ length: 64 }).notNull(),
    status: varchar({ length: 16 }).$type<RealnameStatus>().notNull().default('in_review'),
    opinion: varchar({ length: 1024 }).notNull().default(''),
    createdAt: timestampColumn().notNull(),
    reviewedAt: timestampColumn(),
    reviewedBy: varchar({ length: 255 }),
  },
  (t) => [
    index().on(t.partnerId, t.customerId, t.createdAt),
    index().on(t.status, t.createdAt),
    // At most one application per customer waits for review.
    uniqueIndex('realname_applications_open_unique')
      .on(t.customerId)
      .where(sql`${t.status} = 'in_review'`),
  ],
);

export const preregistrationStatuses = [
  'in_review',
  'registered',
  'rejected',
  'expired',
  'associated',
] as const;
export type PreregistrationStatus = (typeof preregistrationStatuses)[number];

/**
 * Pre-registered prospects (报备, SM-1). A `registered` row reserves the prospect for 15 days
 * (`expiresAt`); expiry is read against the clock, so a row past `expiresAt` counts as expired
 * whatever its stored status.
 */
export const customerPreregistrations = pgTable(
  'customer_preregistrations',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    customerName: varchar({ length: 128 }).notNull(),
    contactName: varchar({ length: 64 }).notNull().default(''),
    email: varchar({ length: 255 }).notNull().default(''),
    mobile: varchar({ length: 32 }).notNull().default(''),
    associationType: varchar({ length: 2 }).$type<AssociationType>().notNull(),
    status: varchar({ length: 16 }).$type<PreregistrationStatus>().notNull(),
    expiresAt: timestampColumn(),
    createdBy: varchar({ length: 64 }).notNull(),
    customerId: varchar({ length: 64 }),
    opinion: varchar({ length: 1024 }).notNull().default(''),
    createdAt: timestampColumn().notNull(),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [
    index().on(t.partnerId, t.createdAt),
    index('customer_preregistrations_name_lower').on(sql`lower(${t.customerName})`),
  ],
);

export const invitationChannels = ['email', 'link'] as const;
export type InvitationChannel = (typeof invitationChannels)[number];

export const invitationStatuses = [
  'invited',
  'associated',
  'failed',
  'expired',
  'revoked',
] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/**
 * Customer invitations (SM-2): an e-mail invitation to one address, valid 7 days from `sentAt`
 * (`expiresAt`), or an offline link/QR code that any number of customers may use (`expiresAt`
 * null). `token` is the secret in the link. `inviterMemberId` becomes the account manager of the
 * customer who accepts (R-CUS-11); `tag` is the custom tag of offline links (R-CUS-10).
 */
export const customerInvitations = pgTable(
  'customer_invitations',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    channel: varchar({ length: 8 }).$type<InvitationChannel>().notNull(),
    token: varchar({ length: 64 }).notNull(),
    email: varchar({ length: 255 }).notNull().default(''),
    associationType: varchar({ length: 2 }).$type<AssociationType>().notNull(),
    inviterMemberId: varchar({ length: 64 }).notNull(),
    tag: varchar({ length: 64 }).notNull().default(''),
    preregistrationId: varchar({ length: 64 }),
    status: varchar({ length: 16 }).$type<InvitationStatus>().notNull(),
    sentAt: timestampColumn().notNull(),
    expiresAt: timestampColumn(),
    resendCount: integer().notNull().default(0),
    createdAt: timestampColumn().notNull(),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [
    uniqueIndex().on(t.token),
    index().on(t.partnerId, t.channel, t.createdAt),
    index().on(t.partnerId, t.email),
  ],
);

export const invitationOutcomes = ['associated', 'failed'] as const;
export type InvitationOutcome = (typeof invitationOutcomes)[number];

/** 历史记录: every attempt to accept an invitation, with the failure cause of R-CUS-19. */
export const customerInvitationAttempts = pgTable(
  'customer_invitation_attempts',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    invitationId: varchar({ length: 64 }).notNull(),
    customerId: varchar({ length: 64 }),
    accountName: varchar({ length: 64 }).notNull(),
    outcome: varchar({ length: 16 }).$type<InvitationOutcome>().notNull(),
    failureCause: varchar({ length: 64 }).notNull().default(''),
    occurredAt: timestampColumn().notNull(),
  },
  (t) => [index().on(t.partnerId, t.occurredAt), index().on(t.invitationId)],
);

export const associationRequestKinds = ['disassociate', 'switch_type'] as const;
export type AssociationRequestKind = (typeof associationRequestKinds)[number];

export const associationRequestInitiators = ['partner', 'customer'] as const;
export type AssociationRequestInitiator = (typeof associationRequestInitiators)[number];

/**
 * `pending_review` (预审中) and `review_failed` (预审不通过): the operator's pre-review of a
 * partner's disassociation request (R-DIS-06) before the customer sees it.
 */
export const associationRequestStatuses = [
  'pending_review',
  'review_failed',
  'pending_customer',
  'pending_partner',
  'approved',
  'rejected',
  'cancelled',
] as const;
export type AssociationRequestStatus = (typeof associationRequestStatuses)[number];

/** Disassociation and type-switch requests (关联关系申请, SM-4); one open request per customer. */
export const customerAssociationRequests = pgTable(
  'customer_association_requests',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    customerId: varchar({ length: 64 }).notNull(),
    kind: varchar({ length: 16 }).$type<AssociationRequestKind>().notNull(),
    initiator: varchar({ length: 16 }).$type<AssociationRequestInitiator>().notNull(),
    fromAssociationType: varchar({ length: 2 }).$type<AssociationType>().notNull(),
    toAssociationType: varchar({ length: 2 }).$type<AssociationType>(),
    reason: varchar({ length: 1024 }).notNull(),
    status: varchar({ length: 16 }).$type<AssociationRequestStatus>().notNull(),
    requestedBy: varchar({ length: 255 }).notNull(),
    opinion: varchar({ length: 1024 }).notNull().default(''),
    decidedBy: varchar({ length: 255 }).notNull().default(''),
    decidedAt: timestampColumn(),
    createdAt: timestampColumn().notNull(),
    /** The operator's pre-review (R-DIS-06): who, when, why it failed and how to reach them. */
    reviewedBy: varchar({ length: 255 }).notNull().default(''),
    reviewedAt: timestampColumn(),
    reviewOpinion: varchar({ length: 1024 }).notNull().default(''),
    reviewerContact: varchar({ length: 255 }).notNull().default(''),
  },
  (t) => [
    uniqueIndex('customer_association_requests_open_unique')
      .on(t.customerId)
      .where(sql`${t.status} in ('pending_review', 'pending_customer', 'pending_partner')`),
    // The operator's queue reads every tenant's requests waiting for pre-review, oldest first.
    index('customer_association_requests_review_queue')
      .on(t.createdAt)
      .where(sql`${t.status} = 'pending_review'`),
    index().on(t.partnerId, t.createdAt),
    index().on(t.customerId, t.initiator, t.createdAt),
  ],
);

export const authorizationStatuses = ['pending', 'authorized', 'rejected', 'revoked'] as const;
export type AuthorizationStatus = (typeof authorizationStatuses)[number];

/** Customer authorizations for on-behalf operations (SM-19); at most one open per pair. */
export const customerAuthorizations = pgTable(
  'customer_authorizations',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    customerId: varchar({ length: 64 }).notNull(),
    status: varchar({ length: 16 }).$type<AuthorizationStatus>().notNull(),
    requestedBy: varchar({ length: 255 }).notNull(),
    requestedAt: timestampColumn().notNull(),
    decidedAt: timestampColumn(),
    revokedAt: timestampColumn(),
    revokedBy: varchar({ length: 255 }).notNull().default(''),
  },
  (t) => [
    uniqueIndex('customer_authorizations_open_unique')
      .on(t.partnerId, t.customerId)
      .where(sql`${t.status} in ('pending', 'authorized')`),
    index().on(t.customerId, t.requestedAt),
  ],
);

/** `bindAction` of the binding notification: "0" bound, "1" unbound. */
export const bindActions = ['0', '1'] as const;
export type BindAction = (typeof bindActions)[number];

export const notificationStatuses = ['pending', 'delivered', 'failed'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

/**
 * Binding notifications to the partner's callback URL and their delivery log. `failed` is final:
 * every retry was used. `isTest` marks the console's "send test notification".
 */
export const bindingNotifications = pgTable(
  'binding_notifications',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    customerId: varchar({ length: 64 }),
    bindAction: varchar({ length: 1 }).$type<BindAction>().notNull(),
    url: varchar({ length: 1024 }).notNull(),
    body: text().notNull(),
    isTest: boolean().notNull().default(false),
    status: varchar({ length: 16 }).$type<NotificationStatus>().notNull(),
    attempts: integer().notNull().default(0),
    lastAttemptAt: timestampColumn(),
    lastResponseStatus: integer(),
    lastError: varchar({ length: 1024 }).notNull().default(''),
    deliveredAt: timestampColumn(),
    createdAt: timestampColumn().notNull(),
  },
  (t) => [index().on(t.partnerId, t.createdAt)],
);

/**
 * The partner's 验证码验证 switch (X4, P-80; default off): when on, the money moves signed in to
 * the console (拨款/回收, coupon issue and reclaim) need a single-use code mailed to the member
 * who makes them (`verification_codes`, scene `OPERATION_CODE_SCENE`). One row per partner that
 * ever changed it.
 */
export const operationVerificationSettings = pgTable(
  'operation_verification_settings',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    codeRequired: boolean().notNull().default(false),
    updatedBy: varchar({ length: 255 }).notNull(),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [uniqueIndex().on(t.partnerId)],
);
