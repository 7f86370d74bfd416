import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import type { Clock } from '../../src/platform/clock/index.ts';
import type { Db } from '../../src/platform/db/index.ts';
import type { AuthenticatedContext, ServiceContext } from '../../src/platform/http/context.ts';
import type { PrincipalRef } from '../../src/platform/auth/principal.ts';
import { accountDirectory } from '../../src/modules/partners/index.ts';
import { presetRoles, type PresetRoleCode } from '../../src/modules/org/rules.ts';
import { newId } from '../../src/platform/ids/index.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { memberRoles, members, roles } from '../../src/modules/org/schema.ts';
import type { DataScope } from '../../src/platform/auth/principal.ts';
import { buildPartner, DEFAULT_TEST_PASSWORD, type BuiltPartner } from './partners.ts';

export interface BuildMemberOptions {
  partnerId?: string;
  userName?: string;
  password?: string;
  permissions?: string[];
  dataScope?: DataScope;
  supervisorId?: string | null;
  status?: 'active' | 'disabled';
}

/**
 * A member holding one fresh custom role with exactly `permissions`; creates a partner when none
 * is given.
 */
export async function buildMember(db: Db, options: BuildMemberOptions = {}) {
  const partnerId = options.partnerId ?? (await buildPartner(db)).partner.id;
  const now = new Date();
  const suffix = randomBytes(4).toString('hex');
  const password = options.password ?? DEFAULT_TEST_PASSWORD;
  const [member] = await db
    .insert(members)
    .values({
      id: newId(),
      partnerId,
      userName: options.userName ?? `user_${suffix}`,
      displayName: `User ${suffix}`,
      passwordHash: await hashPassword(password),
      status: options.status ?? 'active',
      supervisorId: options.supervisorId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!member) throw new Error('member insert returned nothing');
  const [role] = await db
    .insert(roles)
    .values({
      id: newId(),
      partnerId,
      code: `custom_${suffix}`,
      name: `Role ${suffix}`,
      permissions: options.permissions ?? [],
      dataScope: options.dataScope ?? 'all',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!role) throw new Error('role insert returned nothing');
  await db.insert(memberRoles).values({ partnerId, memberId: member.id, roleId: role.id });
  return { member, role, password };
}

export type RoleRow = typeof roles.$inferSelect;
export type MemberRow = typeof members.$inferSelect;

export interface BuiltOrganisation extends BuiltPartner {
  /** The five preset roles by code. */
  roles: Record<PresetRoleCode, RoleRow>;
}

/**
 * A fresh partner with its owner and the five preset roles, as `setUpOrganisation` leaves a new
 * partner. Rows are written directly, so the factory does not depend on how partners are created.
 */
export async function buildOrganisation(
  db: Db,
  overrides: Parameters<typeof buildPartner>[1] = {},
): Promise<BuiltOrganisation> {
  const built = await buildPartner(db, overrides);
  const partnerId = built.partner.id;
  const existing = await db.select().from(roles).where(eq(roles.partnerId, partnerId));
  const now = new Date();
  const missing = presetRoles.filter((preset) => !existing.some((row) => row.code === preset.code));
  const created =
    missing.length === 0
      ? []
      : await db
          .insert(roles)
          .values(
            missing.map((preset) => ({
              id: newId(),
              partnerId,
              code: preset.code,
              name: preset.name,
              description: preset.description,
              isPreset: true,
              permissions: [...preset.permissions],
              dataScope: preset.dataScope,
              createdAt: now,
              updatedAt: now,
            })),
          )
          .returning();
  const all = [...existing, ...created];
  const byCode = Object.fromEntries(
    presetRoles.map((preset) => {
      const row = all.find((role) => role.code === preset.code);
      if (!row) throw new Error(`preset role ${preset.code} missing`);
      return [preset.code, row];
    }),
  ) as Record<PresetRoleCode, RoleRow>;
  return { ...built, roles: byCode };
}

export interface BuildOrgMemberOptions {
  userName?: string;
  displayName?: string;
  email?: string;
  supervisorId?: string | null;
  status?: 'active' | 'disabled';
  mustChangePassword?: boolean;
  /** Creation time; lists order by it, so tests that assert an order set it. */
  createdAt?: Date;
}

/** A member of `partnerId` holding exactly `roleRows` (no rule checks: tests set up any state). */
export async function buildOrgMember(
  db: Db,
  partnerId: string,
  roleRows: readonly RoleRow[],
  options: BuildOrgMemberOptions = {},
): Promise<MemberRow> {
  const now = options.createdAt ?? new Date();
  const suffix = randomBytes(4).toString('hex');
  const [member] = await db
    .insert(members)
    .values({
      id: newId(),
      partnerId,
      userName: options.userName ?? `member_${suffix}`,
      displayName: options.displayName ?? `Member ${suffix}`,
      email: options.email ?? `member_${suffix}@example.com`,
      passwordHash: await hashPassword(DEFAULT_TEST_PASSWORD),
      status: options.status ?? 'active',
      supervisorId: options.supervisorId ?? null,
      mustChangePassword: options.mustChangePassword ?? false,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!member) throw new Error('member insert returned nothing');
  if (roleRows.length > 0) {
    await db
      .insert(memberRoles)
      .values(roleRows.map((role) => ({ partnerId, memberId: member.id, roleId: role.id })));
  }
  return member;
}

export function memberRef(member: { id: string; partnerId: string }): PrincipalRef {
  return { type: 'member', id: member.id, partnerId: member.partnerId };
}

const silentLogger = pino({ level: 'silent' });

/**
 * A service context acting as `member`, with the principal loaded the way the auth plugin loads
 * it, for tests that call services directly.
 */
export async function memberContext(
  db: Db,
  clock: Clock,
  member: { id: string; partnerId: string },
): Promise<AuthenticatedContext> {
  const principal = await accountDirectory.loadPrincipal(db, memberRef(member), 'session');
  if (!principal) throw new Error(`member ${member.id} cannot act (disabled or gone)`);
  return {
    db,
    clock,
    requestId: newId(),
    sourceIp: '127.0.0.1',
    source: 'console',
    log: silentLogger,
    principal,
  };
}

/** A context without a caller, as sign-up and background jobs run services. */
export function systemContext(db: Db, clock: Clock): ServiceContext {
  return {
    db,
    clock,
    requestId: newId(),
    sourceIp: '',
    source: 'system',
    log: silentLogger,
    principal: null,
  };
}
