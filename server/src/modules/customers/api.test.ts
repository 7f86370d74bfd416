import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js';
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/GlobalCredentials.js';
import type { SdkResponse } from '@huaweicloud/huaweicloud-sdk-core/SdkResponse.js';
import { auditEvents } from '../../platform/audit/index.ts';
import { MINUTE_MS } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { Errors } from '../../platform/http/errors.ts';
import { toWireTime } from '../../platform/http/schemas.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { lastMessageTo } from '../../../test/helpers/mail.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import {
  buildOrganisation,
  buildOrgMember,
  memberRef,
  type BuiltOrganisation,
} from '../../../test/factories/org.ts';
import { buildPartner } from '../../../test/factories/partners.ts';
import { assignDirectly, buildCustomer } from '../../../test/factories/customers.ts';
import { findPartnerById } from '../partners/index.ts';
import { customerAssociationRecords, customers } from './schema.ts';

let t: TestApp;
let db: Db;
let sp: BuiltOrganisation;
let spKey: AkSk;
let distributor: BuiltOrganisation;
let distributorKey: AkSk;
let resellerId: string;
let siblingResellerId: string;
let foreignResellerId: string;
let outsiderKey: AkSk;

beforeAll(async () => {
  // The official SDK signs with the wall clock, so the app starts at the real time.
  t = await buildTestApp();
  db = t.database.db;
  sp = await buildOrganisation(db);
  spKey = await buildAccessKey(db, t.keyring, memberRef(sp.owner));
  distributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  distributorKey = await buildAccessKey(db, t.keyring, memberRef(distributor.owner));
  const parentPartnerId = distributor.partner.id;
  resellerId = (await buildPartner(db, { partnerType: 'reseller', parentPartnerId })).partner.id;
  siblingResellerId = (await buildPartner(db, { partnerType: 'reseller', parentPartnerId })).partner
    .id;
  const otherDistributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  foreignResellerId = (
    await buildPartner(db, {
      partnerType: 'reseller',
      parentPartnerId: otherDistributor.partner.id,
    })
  ).partner.id;
  outsiderKey = await buildAccessKey(db, t.keyring, memberRef((await buildOrganisation(db)).owner));
});
afterAll(async () => {
  await t.close();
});

function post(keys: AkSk, url: string, payload: object) {
  return signedRequest(t.app, keys, { method: 'POST', url, payload });
}

function hourFromNow(hours: number): string {
  return toWireTime(new Date(t.clock.now().getTime() + hours * 60 * MINUTE_MS)) ?? '';
}

const LIST = '/v2/partners/sub-customers/query';
const CREATE = '/v2/partners/sub-customers';
const SEND = '/v2/bases/verificationcode/send';
const CHECK = '/v2/partners/sub-customers/users/check-identity';
const TAGS = '/v2/partners/sub-customers/new-customers-tags/batch-query';

interface ListBody {
  customer_infos: { customer_id: string; account_name: string; account_managers: unknown[] }[];
  count: number;
}

async function sendCode(keys: AkSk, mobile: string): Promise<string> {
  const response = await post(keys, SEND, { receiver_type: 1, mobile_phone: mobile });
  expect(response.statusCode).toBe(204);
  const message = lastMessageTo(t.outbox, `0086-${mobile}@sms.huoban.localhost`);
  const code = /\d{6}/.exec(message.subject)?.[0];
  if (!code) throw new Error('no code in the message');
  return code;
}

describe('acceptance through the official SDK signer', () => {
  let sdk: HcClient;

  interface CreatedBody extends SdkResponse {
    domain_id: string;
    domain_name: string;
  }
  interface ListSdkBody extends SdkResponse, ListBody {}
  interface CheckBody extends SdkResponse {
    check_result: string;
  }

  function call<T extends SdkResponse>(url: string, data: object): Promise<T> {
    return sdk.sendRequest<T>({
      method: 'POST',
      url,
      contentType: 'application/json',
      queryParams: {},
      pathParams: {},
      headers: {},
      data,
    });
  }

  beforeAll(async () => {
    const endpoint = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const credentials = new GlobalCredentials()
      .withAk(spKey.accessKey)
      .withSk(spKey.secretKey)
      .withDomainId(sp.partner.id);
    sdk = new ClientBuilder((client: HcClient) => client)
      .withEndpoint(endpoint)
      .withCredential(credentials)
      .build();
  });

  it('creates a customer that ListSubCustomers finds with each filter, and its name is then taken', async () => {
    const mobile = '13900000001';
    await call(SEND, { receiver_type: 1, mobile_phone: mobile, timeout: 15 });
    const code = /\d{6}/.exec(
      lastMessageTo(t.outbox, `0086-${mobile}@sms.huoban.localhost`).subject,
    )?.[0];
    const created = await call<CreatedBody>(CREATE, {
      domain_name: 'acme_sdk_01',
      mobile_phone: mobile,
      verification_code: code,
      xaccount_id: 'platform-user-1',
      xaccount_type: sp.partner.xaccountType,
      password: 'Sdk-pass-2026',
      cooperation_type: '1',
    });
    expect(created.httpStatusCode).toBe(200);
    expect(created.domain_id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.domain_name).toBe('acme_sdk_01');
    // Real name and label come later (real-name auth, the console); set them to filter on them.
    await db
      .update(customers)
      .set({ customerName: '示例科技 Ltd', label: 'VIP_east' })
      .where(eq(customers.id, created.domain_id));
    await buildCustomer(db, sp.partner.id, {
      associatedOn: new Date(t.clock.now().getTime() - 30 * 24 * 60 * MINUTE_MS),
    });

    const filters: [object, object][] = [
      [{ account_name: 'sdk_0' }, { account_name: 'nosuch' }],
      [{ customer: '科技' }, { customer: 'other' }],
      [{ label: 'VIP_e' }, { label: 'vip_east' }],
      [{ association_type: '1' }, { association_type: '2' }],
      [{ associated_on_begin: hourFromNow(-1) }, { associated_on_begin: hourFromNow(1) }],
      [{ associated_on_end: hourFromNow(1) }, { associated_on_end: hourFromNow(-1) }],
      [{ customer_id: created.domain_id }, { customer_id: 'f'.repeat(32) }],
    ];
    for (const [matching, other] of filters) {
      const found = await call<ListSdkBody>(LIST, matching);
      expect(
        found.customer_infos.map((info) => info.customer_id),
        JSON.stringify(matching),
      ).toContain(created.domain_id);
      const missed = await call<ListSdkBody>(LIST, other);
      expect(
        missed.customer_infos.map((info) => info.customer_id),
        JSON.stringify(other),
      ).not.toContain(created.domain_id);
    }
    const all = await call<ListSdkBody>(LIST, {});
    expect(all.count).toBe(2);

    const check = await call<CheckBody>(CHECK, {
      search_type: 'name',
      search_value: 'ACME_sdk_01',
    });
    expect(check.check_result).toBe('used_by_user');
    const free = await call<CheckBody>(CHECK, {
      search_type: 'name',
      search_value: 'acme_free_01',
    });
    expect(free.check_result).toBe('available');
  });
});

describe('CreateSubCustomer', () => {
  it('is idempotent on (xaccount_type, xaccount_id) and records the association and audit', async () => {
    const body = { xaccount_id: 'idem-1', xaccount_type: sp.partner.xaccountType };
    const first = await post(spKey, CREATE, body);
    expect(first.statusCode).toBe(200);
    const created = first.json<{ domain_id: string; domain_name: string }>();
    expect(created.domain_name).toMatch(/^[a-zA-Z][0-9a-f]{31}$/);
    const again = await post(spKey, CREATE, { ...body, domain_name: 'other_name' });
    expect(again.json()).toEqual(created);
    const [row] = await db.select().from(customers).where(eq(customers.id, created.domain_id));
    expect(row).toMatchObject({
      associationType: '2',
      passwordHash: null,
      partnerId: sp.partner.id,
    });
    const records = await db
      .select()
      .from(customerAssociationRecords)
      .where(eq(customerAssociationRecords.customerId, created.domain_id));
    expect(records).toHaveLength(1);
    const audits = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.resourceId, created.domain_id));
    expect(audits.map((event) => event.action)).toEqual(['customers.customer.create']);
  });

  it("refuses an xaccount_type that is not the caller's", async () => {
    const response = await post(spKey, CREATE, {
      xaccount_id: 'wrong-type',
      xaccount_type: distributor.partner.xaccountType,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error_code: 'CBC.0100' });
    expect(response.json<{ error_msg: string }>().error_msg).toContain('xaccount_type');
  });

  it('needs a code with a phone; the code is single use and expires', async () => {
    const base = { xaccount_type: sp.partner.xaccountType, mobile_phone: '13900000002' };
    const missing = await post(spKey, CREATE, { ...base, xaccount_id: 'code-0' });
    expect(missing.json<{ error_msg: string }>().error_msg).toContain('verification_code');
    const code = await sendCode(spKey, '13900000002');
    const wrong = await post(spKey, CREATE, {
      ...base,
      xaccount_id: 'code-1',
      verification_code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await post(spKey, CREATE, {
      ...base,
      xaccount_id: 'code-1',
      verification_code: code,
    });
    expect(ok.statusCode).toBe(200);
    const reused = await post(spKey, CREATE, {
      ...base,
      xaccount_id: 'code-2',
      verification_code: code,
    });
    expect(reused.statusCode).toBe(400);

    const late = await sendCode(spKey, '13900000003');
    t.clock.advance(11 * MINUTE_MS);
    const expired = await post(spKey, CREATE, {
      xaccount_type: sp.partner.xaccountType,
      mobile_phone: '13900000003',
      xaccount_id: 'code-3',
      verification_code: late,
    });
    expect(expired.statusCode).toBe(400);
    expect(expired.json<{ error_msg: string }>().error_msg).toContain('expired');
  });

  it('applies the password policy', async () => {
    const response = await post(spKey, CREATE, {
      xaccount_id: 'weak',
      xaccount_type: sp.partner.xaccountType,
      domain_name: 'weak_pass_1',
      password: 'short',
    });
    expect(response.statusCode).toBe(400);
    const reversed = await post(spKey, CREATE, {
      xaccount_id: 'weak',
      xaccount_type: sp.partner.xaccountType,
      domain_name: 'Weak_pass_1',
      password: '1_ssap_kaeW',
    });
    expect(reversed.statusCode).toBe(400);
  });

  it("creates a reseller's customer through indirect_partner_id, never a foreign reseller's", async () => {
    const resellerRow = await findPartnerById(db, resellerId);
    const created = await post(distributorKey, CREATE, {
      xaccount_id: 'res-1',
      xaccount_type: resellerRow?.xaccountType,
      indirect_partner_id: resellerId,
    });
    expect(created.statusCode).toBe(200);
    const foreign = await post(distributorKey, CREATE, {
      xaccount_id: 'res-2',
      xaccount_type: resellerRow?.xaccountType,
      indirect_partner_id: foreignResellerId,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ error_code: Errors.RESELLER_NOT_OWNED.code });
    const bySp = await post(spKey, CREATE, {
      xaccount_id: 'res-3',
      xaccount_type: resellerRow?.xaccountType,
      indirect_partner_id: resellerId,
    });
    expect(bySp.json()).toMatchObject({ error_code: 'CBC.99000037' });

    const own = await post(distributorKey, LIST, {});
    expect(own.json<ListBody>().count).toBe(0);
    const theirs = await post(distributorKey, LIST, { indirect_partner_id: resellerId });
    expect(theirs.json<ListBody>().customer_infos.map((info) => info.customer_id)).toEqual([
      created.json<{ domain_id: string }>().domain_id,
    ]);
    for (const other of [siblingResellerId, foreignResellerId]) {
      const empty = await post(distributorKey, LIST, { indirect_partner_id: other });
      expect(empty.statusCode).toBe(200);
      expect(empty.json()).toEqual({ customer_infos: [], count: 0 });
    }
  });
});

describe('SendVerificationMessageCode and CheckUserIdentity', () => {
  it('answers 204 without a body and refuses the sixth code within an hour', async () => {
    for (let i = 0; i < 5; i += 1) {
      const response = await post(spKey, SEND, { receiver_type: 1, mobile_phone: '13900000009' });
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');
    }
    const sixth = await post(spKey, SEND, { receiver_type: 1, mobile_phone: '13900000009' });
    expect(sixth.statusCode).toBe(400);
    expect(sixth.json()).toMatchObject({ error_code: 'CBC.99000082' });
    t.clock.advance(61 * MINUTE_MS);
    const later = await post(spKey, SEND, { receiver_type: 1, mobile_phone: '13900000009' });
    expect(later.statusCode).toBe(204);
  });

  it('reports how many more accounts a phone may register', async () => {
    await buildCustomer(db, sp.partner.id, { mobile: '0086-13700000000' });
    await buildCustomer(db, sp.partner.id, { mobile: '0086-13700000000' });
    const response = await post(spKey, CHECK, {
      search_type: 'mobile',
      search_value: '0086-13700000000',
    });
    expect(response.json()).toEqual({ check_result: 'available', mobile_remain_available_num: 3 });
    const bad = await post(spKey, CHECK, { search_type: 'mobile', search_value: '13700000000' });
    expect(bad.statusCode).toBe(400);
  });

  it('reports partner account names and e-mails as taken', async () => {
    const byPartner = await post(spKey, CHECK, {
      search_type: 'name',
      search_value: distributor.partner.name,
    });
    expect(byPartner.json()).toEqual({ check_result: 'used_by_user' });
    // Login names ignore case, so a partner's name in other letters is just as taken.
    const byOtherCase = await post(spKey, CHECK, {
      search_type: 'name',
      search_value: distributor.partner.name.toUpperCase(),
    });
    expect(byOtherCase.json()).toEqual({ check_result: 'used_by_user' });
    const customer = await buildCustomer(db, sp.partner.id);
    const byEmail = await post(spKey, CHECK, {
      search_type: 'email',
      search_value: customer.email.toUpperCase(),
    });
    expect(byEmail.json()).toEqual({ check_result: 'used_by_user' });
  });
});

describe('CreateSubCustomer and partner account names', () => {
  it("refuses a partner account's name in any case and creates nothing", async () => {
    const response = await post(spKey, CREATE, {
      xaccount_id: 'named-like-a-partner',
      xaccount_type: sp.partner.xaccountType,
      domain_name: distributor.partner.name.toUpperCase(),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error_code: 'CBC.0409' });
    expect(response.json<{ error_msg: string }>().error_msg).toContain('domain_name');
    const listed = await post(spKey, LIST, {
      account_name: distributor.partner.name.toUpperCase(),
    });
    expect(listed.json()).toMatchObject({ count: 0 });
  });
});

describe('ListSubCustomers rules', () => {
  it('validates paging and escapes LIKE wildcards', async () => {
    expect((await post(spKey, LIST, { limit: 101 })).statusCode).toBe(400);
    expect((await post(spKey, LIST, { offset: 40_000_001 })).statusCode).toBe(400);
    expect((await post(spKey, LIST, { associated_on_begin: '' })).statusCode).toBe(400);
    await buildCustomer(db, sp.partner.id, { accountName: 'under_score_x' });
    await buildCustomer(db, sp.partner.id, { accountName: 'underXscoreXy' });
    const found = await post(spKey, LIST, { account_name: 'under_' });
    expect(found.json<ListBody>().customer_infos.map((info) => info.account_name)).toEqual([
      'under_score_x',
    ]);
    const paged = await post(spKey, LIST, { limit: 1, offset: 1 });
    expect(paged.json<ListBody>().customer_infos).toHaveLength(1);
    expect(paged.json<ListBody>().count).toBeGreaterThan(2);
  });

  it("shows the open period's account manager", async () => {
    const manager = await buildOrgMember(db, sp.partner.id, [sp.roles.account_manager]);
    const customer = await buildCustomer(db, sp.partner.id);
    await assignDirectly(db, customer, manager.id);
    const response = await post(spKey, LIST, { customer_id: customer.id });
    expect(response.json<ListBody>().customer_infos[0]?.account_managers).toEqual([
      { account_name: manager.userName },
    ]);
  });
});

describe('outsiders', () => {
  it('another partner, a reseller and an unassigned account manager see nothing and change nothing', async () => {
    const customer = await buildCustomer(db, sp.partner.id, { verifiedStatus: '2' });
    const empty = await post(outsiderKey, LIST, { customer_id: customer.id });
    expect(empty.json()).toEqual({ customer_infos: [], count: 0 });
    const tags = await post(outsiderKey, TAGS, { customer_ids: [customer.id] });
    expect(tags.json()).toEqual({ new_customer_tags: [] });

    const resellerOwner = (
      await buildPartner(db, { partnerType: 'reseller', parentPartnerId: distributor.partner.id })
    ).owner;
    const resellerKey = await buildAccessKey(db, t.keyring, memberRef(resellerOwner));
    const denied = await post(resellerKey, LIST, {});
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ error_code: 'CBC.0151' });

    const manager = await buildOrgMember(db, sp.partner.id, [sp.roles.account_manager]);
    const managerKey = await buildAccessKey(db, t.keyring, memberRef(manager));
    const mine = await post(managerKey, LIST, {});
    expect(mine.json()).toEqual({ customer_infos: [], count: 0 });
    const write = await post(managerKey, CREATE, {
      xaccount_id: 'am-1',
      xaccount_type: sp.partner.xaccountType,
    });
    expect(write.statusCode).toBe(403);
    const [unchanged] = await db.select().from(customers).where(eq(customers.id, customer.id));
    expect(unchanged).toEqual(customer);
  });
});

describe('ListSubCustomerNewTag', () => {
  it('tags verified customers Y for 12 months, N after, and leaves the unverified empty', async () => {
    const now = t.clock.now();
    const fresh = await buildCustomer(db, sp.partner.id, {
      verifiedStatus: '2',
      associatedOn: now,
    });
    const old = await buildCustomer(db, sp.partner.id, {
      verifiedStatus: '2',
      associatedOn: new Date(now.getTime() - 400 * 24 * 60 * MINUTE_MS),
    });
    const unverified = await buildCustomer(db, sp.partner.id, { verifiedStatus: '-1' });
    const response = await post(spKey, TAGS, {
      customer_ids: [fresh.id, old.id, unverified.id, 'f'.repeat(32)],
      limit: 200,
    });
    expect(response.statusCode).toBe(200);
    const byId = new Map(
      response
        .json<{ new_customer_tags: { customer_id: string; new_customer_tag: string }[] }>()
        .new_customer_tags.map((tag) => [tag.customer_id, tag]),
    );
    expect(byId.size).toBe(3);
    expect(byId.get(fresh.id)).toMatchObject({ customer_tag_type: 'SMB', new_customer_tag: 'Y' });
    expect(byId.get(old.id)).toMatchObject({ new_customer_tag: 'N' });
    expect(byId.get(unverified.id)).toEqual({
      customer_id: unverified.id,
      customer_tag_type: 'SMB',
      new_customer_tag: '',
      effective_time: '',
      expire_time: '',
    });
    expect((await post(spKey, TAGS, { limit: 201 })).statusCode).toBe(400);
  });
});
