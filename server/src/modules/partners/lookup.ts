import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { partners } from './schema.ts';

export type PartnerAccount = typeof partners.$inferSelect;

/** The partner account with this id (domain id), or null. Not scoped: callers scope by principal. */
export async function findPartnerById(db: Db, id: string): Promise<PartnerAccount | null> {
  const [row] = await db.select().from(partners).where(eq(partners.id, id));
  return row ?? null;
}

/** The partner account with this account name, or null (logins name accounts, not ids). */
export async function findPartnerByName(db: Db, name: string): Promise<PartnerAccount | null> {
  const [row] = await db.select().from(partners).where(eq(partners.name, name));
  return row ?? null;
}

/** True when no account exists yet (a fresh installation). */
export async function isInstallationEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: partners.id }).from(partners).limit(1);
  return row === undefined;
}

/**
 * The reseller `resellerId` when it is a tier-2 reseller bound to the distributor `distributorId`,
 * else null (the `indirect_partner_id` rule: a foreign or unknown reseller is never revealed).
 */
export async function findResellerOf(
  db: Db,
  distributorId: string,
  resellerId: string,
): Promise<PartnerAccount | null> {
  const [row] = await db
    .select()
    .from(partners)
    .where(
      and(
        eq(partners.id, resellerId),
        eq(partners.partnerType, 'reseller'),
        eq(partners.parentPartnerId, distributorId),
      ),
    );
  return row ?? null;
}

export interface ResellerRef {
  id: string;
  name: string;
  companyName: string;
}

/** The tier-2 resellers bound to the distributor `distributorId`, by account name. */
export async function findResellersOf(db: Db, distributorId: string): Promise<ResellerRef[]> {
  return db
    .select({ id: partners.id, name: partners.name, companyName: partners.companyName })
    .from(partners)
    .where(and(eq(partners.partnerType, 'reseller'), eq(partners.parentPartnerId, distributorId)))
    .orderBy(asc(partners.name));
}
