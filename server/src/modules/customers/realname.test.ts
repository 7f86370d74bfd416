import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import type { Db } from '../../platform/db/index.ts';
import { Errors } from '../../platform/http/errors.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { lastMessageTo } from '../../../test/helpers/mail.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import {
  buildOrganisation,
  buildOrgMember,
  memberContext,
  memberRef,
  type BuiltOrganisation,
} from '../../../test/factories/org.ts';
import { buildPartner } from '../../../test/factories/partners.ts';
import {
  assignDirectly,
  buildCustomer,
  type CustomerRow,
} from '../../../test/factories/customers.ts';
import { createRole } from '../org/index.ts';
import { createOperatorAccount } from '../partners/index.ts';
import { customers, realnameApplications } from './schema.ts';

const INDIVIDUAL = '/v2/customers/realname-auths/individual';
const ENTERPRISE = '/v2/customers/realname-auths/enterprise';
const RESULT = '/v2/customers/realname-auths/result';
const SWITCH = '/console/api/partner/realname-upload';
const QUEUE = '/console/api/operator/realname-applications';

let t: TestApp;
let db: Db;
let sp: BuiltOrganisation;
let spKey: AkSk;
let spToken: string;
let operatorToken: string;
let distributor: BuiltOrganisation;
let distributorKey: AkSk;
let resellerKey: AkSk;
let outsider: BuiltOrganisation;
let outsiderKey: AkSk;
let managerKey: AkSk;
let managerId: string;

beforeAll(async () => {
  t = await buildTestApp('2026-05-01T08:00:00Z');
  db = t.database.db;
  sp = await buildOrganisation(db);
  spKey = await buildAccessKey(db, t.keyring, memberRef(sp.owner));
  spToken = await issueTestToken(db, memberRef(sp.owner), t.clock);
  const operator = await createOperatorAccount(db, t.clock, {
    name: 'the_operator',
    companyName: 'Huoban Cloud',
    email: 'ops@huoban.example',
    password: 'Strong-pass-42',
  });
  operatorToken = await issueTestToken(db, memberRef(operator.owner), t.clock);
  distributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  distributorKey = await buildAccessKey(db, t.keyring, memberRef(distributor.owner));
  const reseller = await buildPartner(db, {
    partnerType: 'reseller',
    parentPartnerId: distributor.partner.id,
  });
  resellerKey = await buildAccessKey(db, t.keyring, memberRef(reseller.owner));
  outsider = await buildOrganisation(db);
  outsiderKey = await buildAccessKey(db, t.keyring, memberRef(outsider.owner));
  // An account manager who may manage customers, but only their own ('mine').
  const role = await createRole(await memberContext(db, t.clock, sp.owner), {
    name: 'Real-name manager',
    permissions: [Permissions.CUSTOMER_VIEW, Permissions.CUSTOMER_MANAGE],
    dataScope: 'mine',
  });
  const manager = await buildOrgMember(db, sp.partner.id, [
    { ...role, partnerId: sp.partner.id, updatedAt: role.createdAt },
  ]);
  managerId = manager.id;
  managerKey = await buildAccessKey(db, t.keyring, memberRef(manager));
  for (const owner of [sp, distributor, outsider]) {
    const token = await issueTestToken(db, memberRef(owner.owner), t.clock);
    const response = await consoleCall('PUT', SWITCH, token, { enabled: true });
    expect(response.statusCode).toBe(200);
  }
});
afterAll(async () => {
  await t.close();
});

function signed(keys: AkSk, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return signedRequest(t.app, keys, { method, url, payload });
}

function consoleCall(method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: object) {
  const options: InjectOptions = { method, url, headers: { 'x-auth-token': token } };
  if (payload) options.payload = payload;
  return t.app.inject(options);
}

function personal(customerId: string, overrides: object = {}) {
  return {
    customer_id: customerId,
    identify_type: 0,
    verified_type: 3,
    verified_file_url: ['ids/front.jpg', 'ids/back.png', 'ids/hand.jpeg'],
    name: '张三',
    verified_number: 'E12345678',
    change_type: -1,
    xaccount_type: sp.partner.xaccountType,
    ...overrides,
  };
}

function enterprise(customerId: string, overrides: object = {}) {
  return {
    customer_id: customerId,
    identify_type: 1,
    certificate_type: 0,
    verified_file_url: ['corp/licence.pdf', 'corp/id-front.jpg', 'corp/id-back.jpg'],
    corp_name: '示例科技有限公司',
    verified_number: '91440300MA5XXXXX1X',
    reg_country: 'CN',
    reg_address: '深圳市南山区',
    xaccount_type: sp.partner.xaccountType,
    enterprise_person: {
      legel_name: '李四',
      legel_id_number: '110101199003071234',
      certifier_role: 'legalPerson',
    },
    ...overrides,
  };
}

async function customerRow(id: string): Promise<CustomerRow> {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  if (!row) throw new Error('no such customer');
  return row;
}

async function applicationsOf(customerId: string) {
  return db
    .select()
    .from(realnameApplications)
    .where(eq(realnameApplications.customerId, customerId));
}

async function result(keys: AkSk, customerId: string) {
  const response = await signed(keys, 'GET', `${RESULT}?customer_id=${customerId}`);
  return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
}

async function pendingIdOf(customerId: string): Promise<string> {
  const [row] = await db
    .select({ id: realnameApplications.id })
    .from(realnameApplications)
    .where(
      and(
        eq(realnameApplications.customerId, customerId),
        eq(realnameApplications.status, 'in_review'),
      ),
    );
  if (!row) throw new Error('no pending application');
  return row.id;
}

function expectInvalid(
  response: { statusCode: number; json: () => { error_code: string; error_msg: string } },
  field: string,
) {
  expect(response.statusCode).toBe(400);
  const body = response.json();
  expect(body.error_code).toBe('CBC.0100');
  expect(body.error_msg).toContain(`'${field}'`);
}

describe('the real-name upload switch', () => {
  it('closes the real-name APIs while off, and is audited when changed', async () => {
    const partner = await buildOrganisation(db);
    const key = await buildAccessKey(db, t.keyring, memberRef(partner.owner));
    const token = await issueTestToken(db, memberRef(partner.owner), t.clock);
    const customer = await buildCustomer(db, partner.partner.id);
    expect((await consoleCall('GET', SWITCH, token)).json()).toEqual({ enabled: false });
    const body = personal(customer.id, { xaccount_type: partner.partner.xaccountType });
    const refused = await signed(key, 'POST', INDIVIDUAL, body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error_code: Errors.REALNAME_UPLOAD_DISABLED.code });
    expect((await result(key, customer.id)).body).toMatchObject({
      error_code: Errors.REALNAME_UPLOAD_DISABLED.code,
    });
    expect(await applicationsOf(customer.id)).toEqual([]);

    expect((await consoleCall('PUT', SWITCH, token, { enabled: true })).json()).toEqual({
      enabled: true,
    });
    expect((await consoleCall('GET', SWITCH, token)).json()).toEqual({ enabled: true });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.partnerId, partner.partner.id),
          eq(auditEvents.action, 'customers.realname_upload.update'),
        ),
      );
    expect(event).toMatchObject({
      before: { realnameUploadEnabled: false },
      after: { realnameUploadEnabled: true },
    });
    expect((await signed(key, 'POST', INDIVIDUAL, body)).json()).toEqual({ is_review: 1 });
  });

  it('is not for resellers or the operator', async () => {
    expect((await consoleCall('PUT', SWITCH, operatorToken, { enabled: true })).statusCode).toBe(
      403,
    );
  });
});

describe('individual verification and its review', () => {
  it('submits for review, then the operator approves', async () => {
    const customer = await buildCustomer(db, sp.partner.id);
    const response = await signed(spKey, 'POST', INDIVIDUAL, personal(customer.id));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ is_review: 1 });
    expect((await customerRow(customer.id)).verifiedStatus).toBe('0');
    expect(await result(spKey, customer.id)).toEqual({
      status: 200,
      body: { review_result: 0, opinion: '' },
    });
    const [stored] = await applicationsOf(customer.id);
    expect(stored).toMatchObject({
      kind: 'individual',
      identifyType: 0,
      documentType: 3,
      verifiedNumber: 'E12345678',
      verifiedNumberMasked: 'E******78',
      verifiedFileUrl: ['ids/front.jpg', 'ids/back.png', 'ids/hand.jpeg'],
    });

    // A second application while one is under review is refused, and nothing is added.
    const again = await signed(spKey, 'POST', INDIVIDUAL, personal(customer.id));
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error_code: 'CBC.0410' });
    expect(await applicationsOf(customer.id)).toHaveLength(1);

    const queue = await consoleCall('GET', `${QUEUE}?status=in_review&limit=100`, operatorToken);
    expect(queue.statusCode).toBe(200);
    const listed = queue.json<{ total_count: number; applications: { id: string }[] }>();
    expect(listed.total_count).toBeGreaterThanOrEqual(1);
    const entry = listed.applications.find((item) => item.id === stored?.id);
    expect(entry).toMatchObject({
      partner_id: sp.partner.id,
      partner_name: sp.partner.name,
      customer_id: customer.id,
      customer_account_name: customer.accountName,
      kind: 'individual',
      name: '张三',
      verified_number: 'E12345678',
      verified_file_url: ['ids/front.jpg', 'ids/back.png', 'ids/hand.jpeg'],
      status: 'in_review',
      bank_card_info: null,
    });

    const approved = await consoleCall('POST', `${QUEUE}/${stored?.id}/approve`, operatorToken);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      reviewed_by: 'the_operator/the_operator',
    });
    expect(await customerRow(customer.id)).toMatchObject({
      verifiedStatus: '2',
      customerType: 0,
      customerName: '张三',
    });
    expect((await result(spKey, customer.id)).body).toEqual({ review_result: 2, opinion: '' });
    const trails = await db
      .select({ partnerId: auditEvents.partnerId })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'customers.realname.approve'),
          eq(auditEvents.resourceId, stored?.id ?? ''),
        ),
      );
    expect(trails.map((row) => row.partnerId)).toContain(sp.partner.id);
    expect(trails).toHaveLength(2);

    // Decided once: a second decision is refused.
    const twice = await consoleCall('POST', `${QUEUE}/${stored?.id}/reject`, operatorToken, {
      opinion: 'late',
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toMatchObject({ error_code: 'CBC.0410' });
    // A verified customer cannot apply again for a first verification.
    const verified = await signed(spKey, 'POST', INDIVIDUAL, personal(customer.id));
    expect(verified.json()).toMatchObject({ error_code: 'CBC.0410' });
  });

  it('takes a bank card with the scene-18 code, never storing the code', async () => {
    const customer = await buildCustomer(db, sp.partner.id);
    const send = await signed(spKey, 'POST', '/v2/bases/verificationcode/send', {
      receiver_type: 1,
      mobile_phone: '13900001111',
      scene: 18,
      customer_id: customer.id,
    });
    expect(send.statusCode).toBe(204);
    const message = lastMessageTo(t.outbox, '0086-13900001111@sms.huoban.localhost');
    const code = /\d{6}/.exec(message.subject)?.[0] ?? '';
    const card = {
      bank_account: '6222-0200-1234',
      areacode: '0086',
      mobile: '13900001111',
      verification_code: code === '000000' ? '111111' : '000000',
    };
    const body = personal(customer.id, {
      identify_type: 4,
      verified_type: undefined,
      verified_file_url: ['faces/me.jpg'],
      bank_card_info: card,
    });
    expectInvalid(
      await signed(spKey, 'POST', INDIVIDUAL, body),
      'bank_card_info.verification_code',
    );
    const accepted = await signed(spKey, 'POST', INDIVIDUAL, {
      ...body,
      bank_card_info: { ...card, verification_code: code },
    });
    expect(accepted.json()).toEqual({ is_review: 1 });
    const [stored] = await applicationsOf(customer.id);
    expect(stored?.bankCardInfo).toEqual({
      bank_account: '6222-0200-1234',
      areacode: '0086',
      mobile: '0086-13900001111',
    });
  });

  it('names the field of every invalid request and stores nothing', async () => {
    const customer = await buildCustomer(db, sp.partner.id);
    const cases: [object, string][] = [
      [{ verified_type: undefined }, 'verified_type'],
      [{ verified_type: 4 }, 'verified_type'],
      [{ identify_type: 2 }, 'identify_type'],
      [{ verified_file_url: ['a.jpg', 'b.jpg'] }, 'verified_file_url'],
      [{ verified_file_url: ['a.jpg', 'b.tiff', 'c.jpg'] }, 'verified_file_url'],
      [{ verified_file_url: ['download/a.jpg', 'b.jpg', 'c.jpg'] }, 'verified_file_url'],
      [{ verified_file_url: ['obs://bucket/a.jpg', 'b.jpg', 'c.jpg'] }, 'verified_file_url'],
      [{ verified_file_url: ['../a.jpg', 'b.jpg', 'c.jpg'] }, 'verified_file_url'],
      [{ name: '  ' }, 'name'],
      [{ change_type: 1 }, 'change_type'],
      [{ xaccount_type: distributor.partner.xaccountType }, 'xaccount_type'],
      [
        { identify_type: 4, verified_type: undefined, verified_file_url: ['f.jpg'] },
        'bank_card_info',
      ],
      [{ customer_id: 'no-such-customer' }, 'customer_id'],
    ];
    for (const [overrides, field] of cases) {
      expectInvalid(
        await signed(spKey, 'POST', INDIVIDUAL, personal(customer.id, overrides)),
        field,
      );
    }
    expectInvalid(
      await signed(spKey, 'POST', INDIVIDUAL, { ...personal(customer.id), surname: 'x' }),
      'body.surname',
    );
    expectInvalid(
      await signed(spKey, 'POST', ENTERPRISE, enterprise(customer.id, { corp_name: '123 !!' })),
      'corp_name',
    );
    expectInvalid(
      await signed(spKey, 'POST', ENTERPRISE, enterprise(customer.id, { identify_type: 0 })),
      'identify_type',
    );
    expectInvalid(
      await signed(spKey, 'POST', ENTERPRISE, enterprise(customer.id, { reg_country: 'China' })),
      'reg_country',
    );
    expectInvalid(
      await signed(spKey, 'POST', ENTERPRISE, enterprise(customer.id, { certificate_type: 7 })),
      'certificate_type',
    );
    expectInvalid(
      await signed(spKey, 'GET', `${RESULT}?customer_id=${customer.id}`),
      'customer_id',
    );
    expect(await applicationsOf(customer.id)).toEqual([]);
    expect((await customerRow(customer.id)).verifiedStatus).toBe('-1');
  });
});

describe('enterprise verification and the change from individual', () => {
  it('rejects with an opinion, accepts a new application, then approves as enterprise', async () => {
    const customer = await buildCustomer(db, distributor.partner.id);
    const body = enterprise(customer.id, { xaccount_type: distributor.partner.xaccountType });
    expect((await signed(distributorKey, 'POST', ENTERPRISE, body)).json()).toEqual({
      is_review: 1,
    });
    const first = await pendingIdOf(customer.id);
    const blank = await consoleCall('POST', `${QUEUE}/${first}/reject`, operatorToken, {
      opinion: ' ',
    });
    expectInvalid(blank, 'opinion');
    const rejected = await consoleCall('POST', `${QUEUE}/${first}/reject`, operatorToken, {
      opinion: '营业执照不清晰',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', opinion: '营业执照不清晰' });
    expect((await customerRow(customer.id)).verifiedStatus).toBe('1');
    expect((await result(distributorKey, customer.id)).body).toEqual({
      review_result: 1,
      opinion: '营业执照不清晰',
    });

    expect((await signed(distributorKey, 'POST', ENTERPRISE, body)).json()).toEqual({
      is_review: 1,
    });
    const second = await pendingIdOf(customer.id);
    expect(
      (await consoleCall('POST', `${QUEUE}/${second}/approve`, operatorToken)).statusCode,
    ).toBe(200);
    expect(await customerRow(customer.id)).toMatchObject({
      verifiedStatus: '2',
      customerType: 1,
      customerName: '示例科技有限公司',
    });
  });

  it('changes only a customer verified as an individual; a rejected change keeps it', async () => {
    const unverified = await buildCustomer(db, sp.partner.id);
    const change = (id: string) => ({ ...enterprise(id), change_type: 1 });
    const refused = await signed(spKey, 'PUT', ENTERPRISE, change(unverified.id));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error_code: 'CBC.0410' });
    const company = await buildCustomer(db, sp.partner.id, {
      verifiedStatus: '2',
      customerType: 1,
    });
    expect((await signed(spKey, 'PUT', ENTERPRISE, change(company.id))).json()).toMatchObject({
      error_code: 'CBC.0410',
    });

    const person = await buildCustomer(db, sp.partner.id, { verifiedStatus: '2', customerType: 0 });
    expectInvalid(
      await signed(spKey, 'PUT', ENTERPRISE, { ...change(person.id), change_type: 2 }),
      'change_type',
    );
    expect((await signed(spKey, 'PUT', ENTERPRISE, change(person.id))).json()).toEqual({
      is_review: 1,
    });
    expect((await customerRow(person.id)).verifiedStatus).toBe('0');
    const id = await pendingIdOf(person.id);
    await consoleCall('POST', `${QUEUE}/${id}/reject`, operatorToken, { opinion: 'no seal' });
    expect(await customerRow(person.id)).toMatchObject({ verifiedStatus: '2', customerType: 0 });
    expect((await result(spKey, person.id)).body).toEqual({ review_result: 1, opinion: 'no seal' });

    expect((await signed(spKey, 'PUT', ENTERPRISE, change(person.id))).json()).toEqual({
      is_review: 1,
    });
    await consoleCall('POST', `${QUEUE}/${await pendingIdOf(person.id)}/approve`, operatorToken);
    expect(await customerRow(person.id)).toMatchObject({ verifiedStatus: '2', customerType: 1 });
  });
});

describe('outsiders', () => {
  it('refuses other partners, resellers and unassigned account managers, changing nothing', async () => {
    const customer = await buildCustomer(db, sp.partner.id);
    expectInvalid(
      await signed(
        outsiderKey,
        'POST',
        INDIVIDUAL,
        personal(customer.id, { xaccount_type: outsider.partner.xaccountType }),
      ),
      'customer_id',
    );
    const outsiderResult = await signed(outsiderKey, 'GET', `${RESULT}?customer_id=${customer.id}`);
    expectInvalid(outsiderResult, 'customer_id');
    const reseller = await signed(resellerKey, 'POST', INDIVIDUAL, personal(customer.id));
    expect(reseller.statusCode).toBe(403);
    expect(reseller.json()).toMatchObject({ error_code: 'CBC.0151' });
    expectInvalid(
      await signed(managerKey, 'POST', INDIVIDUAL, personal(customer.id)),
      'customer_id',
    );
    expect(await applicationsOf(customer.id)).toEqual([]);
    expect((await customerRow(customer.id)).verifiedStatus).toBe('-1');

    await assignDirectly(db, customer, managerId, t.clock.now());
    expect((await signed(managerKey, 'POST', INDIVIDUAL, personal(customer.id))).json()).toEqual({
      is_review: 1,
    });
  });

  it('keeps the review queue for the operator', async () => {
    expect((await consoleCall('GET', QUEUE, spToken)).statusCode).toBe(403);
    const customer = await buildCustomer(db, sp.partner.id);
    await signed(spKey, 'POST', INDIVIDUAL, personal(customer.id));
    const id = await pendingIdOf(customer.id);
    expect((await consoleCall('POST', `${QUEUE}/${id}/approve`, spToken)).statusCode).toBe(403);
    expect((await customerRow(customer.id)).verifiedStatus).toBe('0');
    expect((await consoleCall('POST', `${QUEUE}/unknown/approve`, operatorToken)).statusCode).toBe(
      404,
    );
  });
});
