import { boolean, index, integer, pgTable, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
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
    createdAt: timestampColumn().notNull(),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [
    uniqueIndex('customers_account_name_lower_unique').on(sql`lower(${t.accountName})`),
    uniqueIndex().on(t.xaccountType, t.xaccountId),
    index().on(t.partnerId, t.associatedOn),
    index().on(t.partnerId, t.associationType),
    // The per-phone registration cap counts across every partner.
    index().on(t.mobile),
  ],
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

/** SMS codes from SendVerificationMessageCode (delivered by mail here); only the hash is kept. */
export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    receiver: varchar({ length: 32 }).notNull(),
    scene: integer().notNull(),
    codeHash: varchar({ length: 64 }).notNull(),
    expiresAt: timestampColumn().notNull(),
    consumedAt: timestampColumn(),
    failedAttempts: integer().notNull().default(0),
    createdAt: timestampColumn().notNull(),
  },
  (t) => [index().on(t.partnerId, t.receiver, t.createdAt)],
);

export const associationEvents = ['associated', 'disassociated', 'type_switched'] as const;
export type AssociationEvent = (typeof associationEvents)[number];

/** History of a customer's association with its partner (管理关联记录). */
export const customerAssociationRecords = pgTable(
  'customer_association_records',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    customerId: varchar({ length: 64 }).notNull(),
    event: varchar({ length: 16 }).$type<AssociationEvent>().notNull(),
    associationType: varchar({ length: 2 }).$type<AssociationType>().notNull(),
    occurredAt: timestampColumn().notNull(),
    actor: varchar({ length: 255 }).notNull(),
  },
  (t) => [index().on(t.partnerId, t.customerId, t.occurredAt)],
);
