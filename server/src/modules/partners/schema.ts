import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { accountTypes, type AccountType } from '../../platform/auth/principal.ts';
import { idColumn, partnerIdColumn, timestampColumn } from '../../platform/db/columns.ts';

/**
 * Account kinds. The provider's operator is an account like any partner (it has members, keys and
 * an audit trail of its own); its type is what grants the back-office powers.
 */
export const partnerTypes = accountTypes;
export type PartnerType = AccountType;

export const partnerStatuses = ['pending_verification', 'active', 'frozen'] as const;
export type PartnerStatus = (typeof partnerStatuses)[number];

/**
 * Partner accounts (Huawei "domains"). `id` is the domain id and the tenant key; a tier-2 reseller
 * points at its tier-1 distributor through `parentPartnerId`.
 */
export const partners = pgTable(
  'partners',
  {
    id: idColumn(),
    name: varchar({ length: 64 }).notNull(),
    companyName: varchar({ length: 255 }).notNull(),
    partnerType: varchar({ length: 32 }).$type<PartnerType>().notNull(),
    status: varchar({ length: 32 }).$type<PartnerStatus>().notNull(),
    parentPartnerId: varchar({ length: 64 }),
    /** When the reseller was bound to its distributor (ListIndirectPartners `associated_on`). */
    parentAssociatedAt: timestampColumn(),
    programId: varchar({ length: 64 }),
    xaccountType: varchar({ length: 64 }).notNull(),
    email: varchar({ length: 255 }).notNull(),
    phone: varchar({ length: 32 }).notNull().default(''),
    address: varchar({ length: 512 }).notNull().default(''),
    website: varchar({ length: 255 }).notNull().default(''),
    industry: varchar({ length: 64 }).notNull().default(''),
    contactName: varchar({ length: 64 }).notNull().default(''),
    description: text().notNull().default(''),
    emailVerifiedAt: timestampColumn(),
    createdAt: timestampColumn().notNull(),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [
    uniqueIndex().on(t.name),
    uniqueIndex().on(t.xaccountType),
    index().on(t.parentPartnerId),
  ],
);

/** Partner programmes the operator publishes and partners join (CSP, distribution, …). */
export const partnerPrograms = pgTable(
  'partner_programs',
  {
    id: idColumn(),
    code: varchar({ length: 64 }).notNull(),
    name: varchar({ length: 128 }).notNull(),
    description: text().notNull().default(''),
    partnerType: varchar({ length: 32 }).$type<PartnerType>().notNull(),
    isOpenForSignUp: integer().notNull().default(1),
    createdAt: timestampColumn().notNull(),
  },
  (t) => [uniqueIndex().on(t.code)],
);

/** Pending self sign-ups waiting for their e-mail code; the partner row exists only after it. */
export const signUpVerifications = pgTable(
  'sign_up_verifications',
  {
    id: idColumn(),
    email: varchar({ length: 255 }).notNull(),
    codeHash: varchar({ length: 64 }).notNull(),
    request: jsonb().$type<Record<string, unknown>>().notNull(),
    failedAttempts: integer().notNull().default(0),
    expiresAt: timestampColumn().notNull(),
    consumedAt: timestampColumn(),
    createdAt: timestampColumn().notNull(),
  },
  (t) => [index().on(t.email)],
);

export const certificationStatuses = [
  'uncertified',
  'in_review',
  'certified',
  'failed',
  'locked',
  'change_in_review',
] as const;
export type CertificationStatus = (typeof certificationStatuses)[number];

/** Business-information certification (商业信息认证): one row per partner, see SM-18. */
export const partnerCertifications = pgTable(
  'partner_certifications',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    status: varchar({ length: 32 }).$type<CertificationStatus>().notNull(),
    /** The certified information currently in force (null until the first approval). */
    certified: jsonb().$type<Record<string, unknown> | null>(),
    /** The submission under review or last rejected. */
    submitted: jsonb().$type<Record<string, unknown> | null>(),
    failureReason: varchar({ length: 1024 }).notNull().default(''),
    verificationFailures: integer().notNull().default(0),
    submittedAt: timestampColumn(),
    reviewedAt: timestampColumn(),
    reviewedBy: varchar({ length: 255 }).notNull().default(''),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [uniqueIndex().on(t.partnerId), index().on(t.status)],
);

export const resellerApplicationDirections = ['application', 'invitation'] as const;
export type ResellerApplicationDirection = (typeof resellerApplicationDirections)[number];

export const resellerApplicationStatuses = [
  'pending',
  'approved',
  'rejected',
  'cancelled',
] as const;
export type ResellerApplicationStatus = (typeof resellerApplicationStatuses)[number];

/**
 * Reseller cooperation (SM-20): a reseller applies to a tier-1 distributor, or the distributor
 * invites a reseller. `partnerId` is the distributor (the tenant that decides applications); the
 * reseller sees its own rows through `resellerPartnerId`.
 */
export const resellerApplications = pgTable(
  'reseller_applications',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    resellerPartnerId: varchar({ length: 64 }).notNull(),
    direction: varchar({ length: 16 }).$type<ResellerApplicationDirection>().notNull(),
    status: varchar({ length: 16 }).$type<ResellerApplicationStatus>().notNull(),
    message: varchar({ length: 512 }).notNull().default(''),
    decisionReason: varchar({ length: 512 }).notNull().default(''),
    decidedAt: timestampColumn(),
    decidedBy: varchar({ length: 255 }).notNull().default(''),
    createdAt: timestampColumn().notNull(),
    /** Invitations only: when the invitation e-mail last went out, and how many were sent. */
    lastSentAt: timestampColumn(),
    sentCount: integer().notNull().default(0),
  },
  (t) => [index().on(t.partnerId, t.status), index().on(t.resellerPartnerId)],
);

/**
 * The rights a distributor granted each reseller (P-37 授权). Only ordering and operating on a
 * customer's behalf is kept so far: SM-19 requires it before the reseller may ask a customer for
 * authorization. P-37's freeze and budget rights join as columns once something enforces them.
 * No row means nothing granted; `partnerId` is the distributor.
 */
export const resellerRights = pgTable(
  'reseller_rights',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    resellerPartnerId: varchar({ length: 64 }).notNull(),
    onBehalf: boolean().notNull().default(false),
    updatedAt: timestampColumn().notNull(),
    updatedBy: varchar({ length: 255 }).notNull(),
  },
  (t) => [uniqueIndex().on(t.partnerId, t.resellerPartnerId), index().on(t.resellerPartnerId)],
);
