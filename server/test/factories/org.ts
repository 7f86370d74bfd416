import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/platform/db/index.ts';
import { newId } from '../../src/platform/ids/index.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { memberRoles, members, roles } from '../../src/modules/org/schema.ts';
import type { DataScope } from '../../src/platform/auth/principal.ts';
import { buildPartner, DEFAULT_TEST_PASSWORD } from './partners.ts';

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
