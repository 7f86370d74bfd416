import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { idColumn, partnerIdColumn, timestampColumn } from '../../platform/db/columns.ts';

export const memberStatuses = ['active', 'disabled'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

/**
 * Organisation members (组织人员). The account owner (主账号) is the member with `isOwner`, whose
 * user name equals the account name, as in Huawei IAM.
 */
export const members = pgTable(
  'members',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    userName: varchar({ length: 64 }).notNull(),
    displayName: varchar({ length: 64 }).notNull(),
    email: varchar({ length: 255 }).notNull().default(''),
    phone: varchar({ length: 32 }).notNull().default(''),
    passwordHash: text().notNull(),
    isOwner: boolean().notNull().default(false),
    status: varchar({ length: 16 }).$type<MemberStatus>().notNull().default('active'),
    supervisorId: varchar({ length: 64 }),
    mustChangePassword: boolean().notNull().default(false),
    failedLoginCount: integer().notNull().default(0),
    lockedUntil: timestampColumn(),
    lastLoginAt: timestampColumn(),
    createdAt: timestampColumn().notNull(),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [uniqueIndex().on(t.partnerId, t.userName), index().on(t.partnerId, t.supervisorId)],
);

export const dataScopes = ['all', 'team', 'mine'] as const;
export type DataScope = (typeof dataScopes)[number];

/** Roles: the five presets of the seed company plus custom roles (at most 10 per partner). */
export const roles = pgTable(
  'roles',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    code: varchar({ length: 64 }).notNull(),
    name: varchar({ length: 64 }).notNull(),
    description: varchar({ length: 255 }).notNull().default(''),
    isPreset: boolean().notNull().default(false),
    permissions: text().array().notNull(),
    dataScope: varchar({ length: 16 }).$type<DataScope>().notNull(),
    createdAt: timestampColumn().notNull(),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [uniqueIndex().on(t.partnerId, t.code), uniqueIndex().on(t.partnerId, t.name)],
);

export const memberRoles = pgTable(
  'member_roles',
  {
    partnerId: partnerIdColumn(),
    memberId: varchar({ length: 64 }).notNull(),
    roleId: varchar({ length: 64 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.roleId] }), index().on(t.partnerId, t.roleId)],
);
