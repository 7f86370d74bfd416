import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.ts';
import type { DatabaseHandle, Db } from '../../platform/db/index.ts';
import { Errors } from '../../platform/http/errors.ts';
import { expectApiError } from '../../../test/helpers/api-error.ts';
import { freshDatabase } from '../../../test/helpers/database.ts';
import { buildOrganisation, memberContext } from '../../../test/factories/org.ts';
import { partners } from './schema.ts';
import { getResellerRights, holdsOnBehalfRight, setResellerRights } from './service/index.ts';

let database: DatabaseHandle;
let db: Db;
const clock = new ManualClock('2026-03-01T08:00:00Z');

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
});
afterAll(async () => {
  await database.close();
});

async function distributorWithReseller() {
  const distributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  const reseller = await buildOrganisation(db, {
    partnerType: 'reseller',
    parentPartnerId: distributor.partner.id,
  });
  return { distributor, reseller, ctx: await memberContext(db, clock, distributor.owner) };
}

describe('reseller rights (P-37 授权)', () => {
  it('grants nothing until the distributor says so', async () => {
    const { reseller, ctx } = await distributorWithReseller();
    expect(await holdsOnBehalfRight(db, reseller.partner.id)).toBe(false);
    expect(await getResellerRights(ctx, reseller.partner.id)).toMatchObject({
      onBehalf: false,
      updatedAt: null,
    });
  });

  it('holds the right once granted and loses it when withdrawn', async () => {
    const { reseller, ctx } = await distributorWithReseller();
    const granted = await setResellerRights(ctx, {
      resellerId: reseller.partner.id,
      onBehalf: true,
    });
    expect(granted).toMatchObject({ onBehalf: true, updatedAt: clock.now() });
    expect(await holdsOnBehalfRight(db, reseller.partner.id)).toBe(true);
    await setResellerRights(ctx, { resellerId: reseller.partner.id, onBehalf: false });
    expect(await holdsOnBehalfRight(db, reseller.partner.id)).toBe(false);
  });

  it('drops the grant of a distributor the reseller no longer works with', async () => {
    const { reseller, ctx } = await distributorWithReseller();
    await setResellerRights(ctx, { resellerId: reseller.partner.id, onBehalf: true });
    const next = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
    await db
      .update(partners)
      .set({ parentPartnerId: next.partner.id })
      .where(eq(partners.id, reseller.partner.id));
    expect(await holdsOnBehalfRight(db, reseller.partner.id)).toBe(false);
  });

  it("refuses another distributor's reseller and callers that are not distributors", async () => {
    const { reseller } = await distributorWithReseller();
    const other = await distributorWithReseller();
    await expectApiError(
      () => setResellerRights(other.ctx, { resellerId: reseller.partner.id, onBehalf: true }),
      Errors.NOT_FOUND.code,
    );
    const resellerCtx = await memberContext(db, clock, reseller.owner);
    await expectApiError(
      () => setResellerRights(resellerCtx, { resellerId: reseller.partner.id, onBehalf: true }),
      Errors.ACCESS_DENIED.code,
    );
    expect(await holdsOnBehalfRight(db, reseller.partner.id)).toBe(false);
  });
});
