import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import { buildPartner, type BuiltPartner } from '../../../test/factories/partners.ts';
import { buildMember } from '../../../test/factories/org.ts';

const URL = '/v2/partners/indirect-partners/query';

let t: TestApp;
let distributor: BuiltPartner;
let first: BuiltPartner;
let second: BuiltPartner;
let otherReseller: BuiltPartner;
let distributorKeys: AkSk;
let otherDistributorKeys: AkSk;

async function ownerKeys(built: BuiltPartner): Promise<AkSk> {
  return buildAccessKey(t.database.db, t.keyring, {
    type: 'member',
    id: built.owner.id,
    partnerId: built.partner.id,
  });
}

function query(keys: AkSk, payload: Record<string, unknown>) {
  return signedRequest(t.app, keys, { method: 'POST', url: URL, payload });
}

interface ListBody {
  count: number;
  indirect_partners: { indirect_partner_id: string; associated_on: string }[];
}

function ids(body: ListBody): string[] {
  return body.indirect_partners.map((item) => item.indirect_partner_id);
}

beforeAll(async () => {
  t = await buildTestApp('2026-03-01T08:00:00Z');
  const db = t.database.db;
  distributor = await buildPartner(db, { partnerType: 'tier1_distributor' });
  first = await buildPartner(db, {
    partnerType: 'reseller',
    parentPartnerId: distributor.partner.id,
    parentAssociatedAt: new Date('2026-01-10T09:00:00Z'),
    phone: '13800000001',
  });
  second = await buildPartner(db, {
    partnerType: 'reseller',
    parentPartnerId: distributor.partner.id,
    parentAssociatedAt: new Date('2026-02-20T09:00:00Z'),
  });
  const otherDistributor = await buildPartner(db, { partnerType: 'tier1_distributor' });
  otherReseller = await buildPartner(db, {
    partnerType: 'reseller',
    parentPartnerId: otherDistributor.partner.id,
    parentAssociatedAt: new Date('2026-01-15T09:00:00Z'),
  });
  // A reseller of nobody: it must not show up anywhere.
  await buildPartner(db, { partnerType: 'reseller' });
  distributorKeys = await ownerKeys(distributor);
  otherDistributorKeys = await ownerKeys(otherDistributor);
});

afterAll(async () => {
  await t.close();
});

describe('ListIndirectPartners', () => {
  it("lists the distributor's two resellers, most recently bound first, in Huawei's shape", async () => {
    const response = await query(distributorKeys, {});
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      count: 2,
      indirect_partners: [
        {
          indirect_partner_id: second.partner.id,
          mobile_phone: '',
          email: second.partner.email,
          account_name: second.partner.name,
          name: second.partner.companyName,
          associated_on: '2026-02-20T09:00:00Z',
          account_manager_id: '',
          account_manager_name: '',
        },
        {
          indirect_partner_id: first.partner.id,
          mobile_phone: '13800000001',
          email: first.partner.email,
          account_name: first.partner.name,
          name: first.partner.companyName,
          associated_on: '2026-01-10T09:00:00Z',
          account_manager_id: '',
          account_manager_name: '',
        },
      ],
    });
  });

  it('filters by exact account name', async () => {
    const exact = await query(distributorKeys, { account_name: first.partner.name });
    expect(ids(exact.json())).toEqual([first.partner.id]);
    const partial = await query(distributorKeys, { account_name: first.partner.name.slice(0, 6) });
    expect(partial.json()).toEqual({ count: 0, indirect_partners: [] });
  });

  it('filters by indirect_partner_id and treats empty filters as absent', async () => {
    const one = await query(distributorKeys, { indirect_partner_id: second.partner.id });
    expect(ids(one.json())).toEqual([second.partner.id]);
    const empty = await query(distributorKeys, { indirect_partner_id: '', account_name: '' });
    expect(empty.json<ListBody>().count).toBe(2);
  });

  it('filters by association time, both ends inclusive', async () => {
    const from = await query(distributorKeys, { associated_on_begin: '2026-02-20T09:00:00Z' });
    expect(ids(from.json())).toEqual([second.partner.id]);
    const until = await query(distributorKeys, { associated_on_end: '2026-01-10T09:00:00Z' });
    expect(ids(until.json())).toEqual([first.partner.id]);
    const window = await query(distributorKeys, {
      associated_on_begin: '2026-01-01T00:00:00Z',
      associated_on_end: '2026-01-31T23:59:59Z',
    });
    expect(ids(window.json())).toEqual([first.partner.id]);
  });

  it('pages with offset and limit, count stays the total', async () => {
    const page = await query(distributorKeys, { offset: 1, limit: 1 });
    expect(page.json()).toMatchObject({ count: 2 });
    expect(ids(page.json())).toEqual([first.partner.id]);
  });

  it.each([
    [{ limit: 101 }, 'limit'],
    [{ limit: 0 }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ associated_on_begin: '2026-01-01' }, 'associated_on_begin'],
    [{ associated_on_end: '2026-01-01 00:00:00' }, 'associated_on_end'],
    [{ account_name: 'x'.repeat(65) }, 'account_name'],
    [{ unknown_field: 1 }, 'unknown_field'],
  ])('refuses %o with CBC.0100', async (payload, field) => {
    const response = await query(distributorKeys, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error_code: 'CBC.0100' });
    expect(response.json<{ error_msg: string }>().error_msg).toContain(field);
  });

  it("never shows another distributor's reseller, by id or by name", async () => {
    const byId = await query(distributorKeys, { indirect_partner_id: otherReseller.partner.id });
    expect(byId.json()).toEqual({ count: 0, indirect_partners: [] });
    const byName = await query(distributorKeys, { account_name: otherReseller.partner.name });
    expect(byName.json()).toEqual({ count: 0, indirect_partners: [] });
    const theirs = await query(otherDistributorKeys, {});
    expect(ids(theirs.json())).toEqual([otherReseller.partner.id]);
  });

  it('answers 403 CBC.0151 to a solution provider and to a reseller', async () => {
    const sp = await buildPartner(t.database.db, { partnerType: 'solution_provider' });
    for (const keys of [await ownerKeys(sp), await ownerKeys(first)]) {
      const response = await query(keys, {});
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error_code: 'CBC.0151' });
    }
  });

  it('answers 403 to a distributor member without reseller.manage', async () => {
    const { member } = await buildMember(t.database.db, {
      partnerId: distributor.partner.id,
      permissions: ['customer.view'],
    });
    const keys = await buildAccessKey(t.database.db, t.keyring, {
      type: 'member',
      id: member.id,
      partnerId: distributor.partner.id,
    });
    const response = await query(keys, {});
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error_code: 'CBC.0151' });
  });

  it('answers 401 without credentials', async () => {
    const response = await t.app.inject({ method: 'POST', url: URL, payload: {} });
    expect(response.statusCode).toBe(401);
  });
});
