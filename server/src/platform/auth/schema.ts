import { index, jsonb, pgTable, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { idColumn, partnerIdColumn, timestampColumn } from '../db/columns.ts';

/** Who a credential acts for: an organisation member (the account owner is a member too) or a customer. */
export const principalTypes = ['member', 'customer'] as const;
export type PrincipalType = (typeof principalTypes)[number];

export const accessKeyStatuses = ['active', 'disabled'] as const;
export type AccessKeyStatus = (typeof accessKeyStatuses)[number];

/** AK/SK pairs. The SK is stored only encrypted (AES-256-GCM under the master key). */
export const accessKeys = pgTable(
  'access_keys',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    principalType: varchar({ length: 16 }).$type<PrincipalType>().notNull(),
    principalId: varchar({ length: 64 }).notNull(),
    secretCiphertext: text().notNull(),
    status: varchar({ length: 16 }).$type<AccessKeyStatus>().notNull().default('active'),
    description: varchar({ length: 255 }).notNull().default(''),
    createdAt: timestampColumn().notNull(),
    lastUsedAt: timestampColumn(),
  },
  (t) => [index().on(t.partnerId, t.principalType, t.principalId)],
);

export const sessionKinds = ['token', 'console'] as const;
export type SessionKind = (typeof sessionKinds)[number];

/**
 * Bearer credentials: IAM-style tokens (`X-Auth-Token`) and console sessions (cookie). Only the
 * SHA-256 of the secret is stored, so a database leak does not leak live sessions.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    kind: varchar({ length: 16 }).$type<SessionKind>().notNull(),
    secretHash: varchar({ length: 64 }).notNull(),
    csrfToken: varchar({ length: 64 }),
    principalType: varchar({ length: 16 }).$type<PrincipalType>().notNull(),
    principalId: varchar({ length: 64 }).notNull(),
    issuedAt: timestampColumn().notNull(),
    expiresAt: timestampColumn().notNull(),
    revokedAt: timestampColumn(),
    sourceIp: varchar({ length: 64 }).notNull().default(''),
    userAgent: varchar({ length: 512 }).notNull().default(''),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [uniqueIndex().on(t.secretHash), index().on(t.partnerId, t.principalType, t.principalId)],
);
