import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/platform/db/index.ts';
import { newId } from '../../src/platform/ids/index.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { partners } from '../../src/modules/partners/schema.ts';
import { members } from '../../src/modules/org/schema.ts';
import type { PartnerType } from '../../src/modules/partners/index.ts';

export const DEFAULT_TEST_PASSWORD = 'Test-pass-123';

let cachedHash: Promise<string> | undefined;
/** Hashing is slow on purpose; factories reuse one hash of the default password. */
function defaultPasswordHash(): Promise<string> {
  cachedHash ??= hashPassword(DEFAULT_TEST_PASSWORD);
  return cachedHash;
}

export interface BuiltPartner {
  partner: typeof partners.$inferSelect;
  owner: typeof members.$inferSelect;
  password: string;
}

/** A fresh active partner account with its owner member; every call makes a new tenant. */
export async function buildPartner(
  db: Db,
  overrides: Partial<typeof partners.$inferInsert> & { partnerType?: PartnerType } = {},
): Promise<BuiltPartner> {
  const now = new Date();
  const suffix = randomBytes(4).toString('hex');
  const [partner] = await db
    .insert(partners)
    .values({
      id: newId(),
      name: `partner_${suffix}`,
      companyName: `Partner ${suffix} Co., Ltd.`,
      partnerType: 'solution_provider',
      status: 'active',
      xaccountType: `xat_${suffix}`,
      email: `admin_${suffix}@example.com`,
      emailVerifiedAt: now,
      createdAt: now,
      updatedAt: now,
      ...overrides,
    })
    .returning();
  if (!partner) throw new Error('partner insert returned nothing');
  const [owner] = await db
    .insert(members)
    .values({
      id: newId(),
      partnerId: partner.id,
      userName: partner.name,
      displayName: 'Owner',
      email: partner.email,
      passwordHash: await defaultPasswordHash(),
      isOwner: true,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!owner) throw new Error('owner insert returned nothing');
  return { partner, owner, password: DEFAULT_TEST_PASSWORD };
}
