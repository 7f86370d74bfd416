import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/index.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import {
  buildOrganisation,
  buildOrgMember,
  memberRef,
  type BuiltOrganisation,
  type MemberRow,
} from '../../../test/factories/org.ts';
import {
  assignDirectly,
  buildCustomer,
  type CustomerRow,
} from '../../../test/factories/customers.ts';

let t: TestApp;
let db: Db;
let distributor: BuiltOrganisation;
let resellerA: BuiltOrganisation;
let resellerB: BuiltOrganisation;
let foreignReseller: BuiltOrganisation;
let resellerAManager: MemberRow;
let own: CustomerRow;
let a1: CustomerRow;
let a2: CustomerRow;
let b1: CustomerRow;
let foreign: CustomerRow;
let distributorToken: string;
let distributorManagerToken: string;
let resellerAToken: string;
let otherDistributorToken: string;

const day = (n: number) => new Date(Date.UTC(2026, 4, n, 8));

beforeAll(async () => {
  t = await buildTestApp('2026-05-20T08:00:00Z');
  db = t.database.db;
  distributor = await buildOrganisation(db, {
    partnerType: 'tier1_distributor',
    name: 'dist_hz',
  });
  resellerA = await buildOrganisation(db, {
    partnerType: 'reseller',
    name: 'reseller_west',
    companyName: '西湖云科技',
    parentPartnerId: distributor.partner.id,
  });
  resellerB = await buildOrganisation(db, {
    partnerType: 'reseller',
    name: 'reseller_east',
    companyName: '钱塘云服务',
    parentPartnerId: distributor.partner.id,
  });
  const otherDistributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  foreignReseller = await buildOrganisation(db, {
    partnerType: 'reseller',
    parentPartnerId: otherDistributor.partner.id,
  });

  own = await buildCustomer(db, distributor.partner.id, { associatedOn: day(1) });
  a1 = await buildCustomer(db, resellerA.partner.id, {
    accountName: 'west_alpha',
    email: 'alpha@example.com',
    mobile: '0086-13800005678',
    label: '重点客户',
    associatedOn: day(3),
  });
  a2 = await buildCustomer(db, resellerA.partner.id, {
    associationType: '1',
    associatedOn: day(2),
  });
  b1 = await buildCustomer(db, resellerB.partner.id, { associatedOn: day(4) });
  foreign = await buildCustomer(db, foreignReseller.partner.id, { associatedOn: day(5) });
  resellerAManager = await buildOrgMember(db, resellerA.partner.id, [
    resellerA.roles.account_manager,
  ]);
  await assignDirectly(db, a1, resellerAManager.id, day(3));

  distributorToken = await issueTestToken(db, memberRef(distributor.owner), t.clock);
  const distributorManager = await buildOrgMember(db, distributor.partner.id, [
    distributor.roles.account_manager,
  ]);
  await assignDirectly(db, own, distributorManager.id, day(1));
  distributorManagerToken = await issueTestToken(db, memberRef(distributorManager), t.clock);
  resellerAToken = await issueTestToken(db, memberRef(resellerA.owner), t.clock);
  otherDistributorToken = await issueTestToken(db, memberRef(otherDistributor.owner), t.clock);
});

afterAll(async () => {
  await t.close();
});

function get(url: string, token: string | null) {
  return t.app.inject({
    method: 'GET',
    url,
    headers: token ? { 'x-auth-token': token } : {},
  });
}

interface ListBody {
  total_count: number;
  customers: {
    customer_id: string;
    email: string;
    mobile: string;
    reseller: { id: string; name: string; company_name: string };
    account_manager: { id: string } | null;
  }[];
}

async function listed(url: string, token: string) {
  const response = await get(url, token);
  expect(response.statusCode).toBe(200);
  return response.json<ListBody>();
}

const ids = (body: ListBody) => body.customers.map((item) => item.customer_id);

describe('云经销商的客户 for the distributor', () => {
  it('lists every reseller’s customers newest first, with the reseller and contacts masked', async () => {
    const body = await listed('/console/api/reseller-customers', distributorToken);
    expect(body.total_count).toBe(3);
    expect(ids(body)).toEqual([b1.id, a1.id, a2.id]);
    expect(body.customers[1]).toMatchObject({
      customer_id: a1.id,
      account_name: 'west_alpha',
      email: 'a***@example.com',
      mobile: '0086-138****5678',
      label: '重点客户',
      reseller: { id: resellerA.partner.id, name: 'reseller_west', company_name: '西湖云科技' },
      account_manager: { id: resellerAManager.id, user_name: resellerAManager.userName },
    });
    expect(body.customers[2]?.account_manager).toBeNull();
  });

  it('pages and filters by reseller, keyword, association type and label', async () => {
    const second = await listed(
      '/console/api/reseller-customers?limit=1&offset=1',
      distributorToken,
    );
    expect(second).toMatchObject({ total_count: 3 });
    expect(ids(second)).toEqual([a1.id]);
    const ofA = await listed(
      `/console/api/reseller-customers?reseller_id=${resellerA.partner.id}`,
      distributorToken,
    );
    expect(ids(ofA)).toEqual([a1.id, a2.id]);
    expect(
      ids(await listed('/console/api/reseller-customers?keyword=WEST_al', distributorToken)),
    ).toEqual([a1.id]);
    expect(
      ids(await listed('/console/api/reseller-customers?association_type=1', distributorToken)),
    ).toEqual([a2.id]);
    expect(
      ids(
        await listed(
          `/console/api/reseller-customers?label=${encodeURIComponent('重点')}`,
          distributorToken,
        ),
      ),
    ).toEqual([a1.id]);
  });

  it('offers its own resellers for the 云经销商名称 filter', async () => {
    const response = await get('/console/api/reseller-customers/resellers', distributorToken);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      resellers: [
        { id: resellerB.partner.id, name: 'reseller_east', company_name: '钱塘云服务' },
        { id: resellerA.partner.id, name: 'reseller_west', company_name: '西湖云科技' },
      ],
    });
  });

  it('exports CSV and XLSX with the reseller and contacts masked', async () => {
    const csv = await get(
      `/console/api/reseller-customers/export?format=csv&reseller_id=${resellerA.partner.id}`,
      distributorToken,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('reseller-customers-');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^reseller_name,reseller_company,customer_id,/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`reseller_west,西湖云科技,${a1.id},west_alpha`);
    expect(csv.body).toContain('a***@example.com');
    expect(csv.body).not.toContain('alpha@example.com');
    expect(csv.body).not.toContain('13800005678');
    expect(csv.body).not.toContain(b1.id);
    const xlsx = await get('/console/api/reseller-customers/export?format=xlsx', distributorToken);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('who else sees what', () => {
  it('never shows the distributor its own customers here, nor another distributor’s resellers', async () => {
    const mine = await listed('/console/api/reseller-customers', distributorToken);
    expect(ids(mine)).not.toContain(own.id);
    expect(ids(mine)).not.toContain(foreign.id);
    const foreignFilter = await listed(
      `/console/api/reseller-customers?reseller_id=${foreignReseller.partner.id}`,
      distributorToken,
    );
    expect(foreignFilter).toEqual({ total_count: 0, customers: [] });
    const csv = await get(
      `/console/api/reseller-customers/export?reseller_id=${foreignReseller.partner.id}`,
      distributorToken,
    );
    expect(
      csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/),
    ).toHaveLength(1);
    const other = await listed('/console/api/reseller-customers', otherDistributorToken);
    expect(ids(other)).toEqual([foreign.id]);
  });

  it('keeps a reseller to its own customers: not its sibling’s, not the distributor’s', async () => {
    const refused = await get('/console/api/reseller-customers', resellerAToken);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error_code: 'CBC.0151' });
    const own = await listed('/console/api/customers', resellerAToken);
    expect(ids(own).sort()).toEqual([a1.id, a2.id].sort());
    const sibling = await get(`/console/api/customers/${b1.id}`, resellerAToken);
    expect(sibling.statusCode).toBe(404);
  });

  it('shows an account manager of the distributor none of the resellers’ customers', async () => {
    expect(await listed('/console/api/reseller-customers', distributorManagerToken)).toEqual({
      total_count: 0,
      customers: [],
    });
  });

  it('refuses other partner classes and anonymous callers', async () => {
    const sp = await buildOrganisation(db);
    const spToken = await issueTestToken(db, memberRef(sp.owner), t.clock);
    for (const url of [
      '/console/api/reseller-customers',
      '/console/api/reseller-customers/resellers',
      '/console/api/reseller-customers/export',
    ]) {
      const refused = await get(url, spToken);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error_code: 'CBC.0151' });
      expect((await get(url, null)).statusCode).toBe(401);
    }
  });

  it('names the field of a bad query', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['association_type=3', 'association_type'],
      ['unknown=1', 'unknown'],
    ] as const) {
      const response = await get(`/console/api/reseller-customers?${query}`, distributorToken);
      expect(response.statusCode).toBe(400);
      expect(response.json<{ error_code: string; error_msg: string }>()).toMatchObject({
        error_code: 'CBC.0100',
      });
      expect(response.json<{ error_msg: string }>().error_msg).toContain(field);
    }
    const format = await get('/console/api/reseller-customers/export?format=pdf', distributorToken);
    expect(format.statusCode).toBe(400);
  });
});
