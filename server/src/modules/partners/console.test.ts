import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../platform/clock/index.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { lastMessageTo } from '../../../test/helpers/mail.ts';
import { buildPartner } from '../../../test/factories/partners.ts';
import { buildCustomer } from '../../../test/factories/customers.ts';
import { buildMember } from '../../../test/factories/org.ts';
import { accountDirectory } from './index.ts';
import { createOperatorAccount } from './service/index.ts';

const PASSWORD = 'Strong-pass-42';
/** Asymmetric matchers are typed `any`; held as `unknown` they can sit in expected objects. */
const ANY_STRING: unknown = expect.any(String);
const DOMAIN_ID: unknown = expect.stringMatching(/^[0-9a-f]{32}$/);
const WIRE_TIME: unknown = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

let t: TestApp;
let operatorToken: string;
let partnerToken: string;
let partnerId: string;

interface InjectOptions {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  token?: string;
  body?: Record<string, unknown>;
}

function call({ method, url, token, body }: InjectOptions) {
  return t.app.inject({
    method,
    url,
    headers: token ? { 'x-auth-token': token } : {},
    ...(body ? { payload: body } : {}),
  });
}

async function tokenFor(member: { id: string; partnerId: string }): Promise<string> {
  return issueTestToken(
    t.database.db,
    { type: 'member', id: member.id, partnerId: member.partnerId },
    t.clock,
  );
}

const certificationBody = {
  company_name: '华为技术有限公司',
  unified_social_credit_code: '914403001922038216',
  legal_representative: '赵明路',
  registered_address: '深圳市龙岗区坂田华为总部办公楼',
  tax_registration_number: '914403001922038216',
  taxpayer_type: 'general',
  finance_contact_name: 'Li Finance',
  finance_contact_email: 'finance@example.com',
  finance_contact_phone: '0755-28780808',
  bank_name: 'Bank of China',
  bank_branch: 'Shenzhen Bantian Branch',
  bank_account_name: '华为技术有限公司',
  bank_account_number: '6216610100001234567',
  settlement_currency: 'CNY',
  accept_privacy_statement: true,
};

beforeAll(async () => {
  t = await buildTestApp('2026-03-01T08:00:00Z');
  const operator = await createOperatorAccount(t.database.db, t.clock, {
    name: 'the_operator',
    companyName: 'Huoban Cloud',
    email: 'ops@huoban.example',
    password: PASSWORD,
  });
  operatorToken = await tokenFor(operator.owner);
  for (const program of [
    { code: 'csp', name: 'CSP', partner_type: 'solution_provider', is_open_for_sign_up: true },
    {
      code: 'distribution',
      name: 'Distribution',
      partner_type: 'tier1_distributor',
      is_open_for_sign_up: false,
    },
  ]) {
    const created = await call({
      method: 'POST',
      url: '/console/api/operator/programs',
      token: operatorToken,
      body: program,
    });
    expect(created.statusCode).toBe(200);
  }
  const { partner, owner } = await buildPartner(t.database.db);
  partnerId = partner.id;
  partnerToken = await tokenFor(owner);
});
afterAll(async () => {
  await t.close();
});

describe('programmes', () => {
  it('lists open programmes without authentication', async () => {
    const response = await call({ method: 'GET', url: '/console/api/programs' });
    expect(response.statusCode).toBe(200);
    const { programs } = response.json<{ programs: Record<string, unknown>[] }>();
    expect(programs).toEqual([
      {
        id: ANY_STRING,
        code: 'csp',
        name: 'CSP',
        description: '',
        partner_type: 'solution_provider',
        is_open_for_sign_up: true,
        created_at: '2026-03-01T08:00:00Z',
      },
    ]);
  });

  it('lists and creates programmes for the operator only', async () => {
    const listed = await call({
      method: 'GET',
      url: '/console/api/operator/programs',
      token: operatorToken,
    });
    expect(
      listed.json<{ programs: { code: string }[] }>().programs.map((program) => program.code),
    ).toEqual(['csp', 'distribution']);
    expect((await call({ method: 'GET', url: '/console/api/operator/programs' })).statusCode).toBe(
      401,
    );
    const denied = await call({
      method: 'GET',
      url: '/console/api/operator/programs',
      token: partnerToken,
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ error_code: 'CBC.0151' });
    const invalid = await call({
      method: 'POST',
      url: '/console/api/operator/programs',
      token: operatorToken,
      body: { code: 'x', name: 'X', partner_type: 'operator', is_open_for_sign_up: true },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ error_code: 'CBC.0100' });
  });
});

describe('self sign-up', () => {
  const signUp = {
    account_name: 'fresh_partner',
    company_name: 'Fresh Partner Ltd.',
    email: 'owner@fresh.example',
    phone: '13900000000',
    password: PASSWORD,
    program_code: 'csp',
  };

  it('mails a code to the outbox and creates the account with it', async () => {
    const requested = await call({ method: 'POST', url: '/console/api/sign-up', body: signUp });
    expect(requested.statusCode).toBe(200);
    expect(requested.json()).toEqual({
      email: 'owner@fresh.example',
      expires_at: '2026-03-01T08:30:00Z',
    });
    const mail = lastMessageTo(t.outbox, 'owner@fresh.example');
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
    expect(mail.subject).toContain(code);

    const verified = await call({
      method: 'POST',
      url: '/console/api/sign-up/verify',
      body: { email: 'owner@fresh.example', code },
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({
      id: DOMAIN_ID,
      name: 'fresh_partner',
      company_name: 'Fresh Partner Ltd.',
      partner_type: 'solution_provider',
      status: 'active',
      program_code: 'csp',
    });

    const credential = await accountDirectory.findLoginCredential(
      t.database.db,
      'fresh_partner',
      undefined,
    );
    if (!credential) throw new Error('the new owner cannot log in');
    const token = await tokenFor({ id: credential.ref.id, partnerId: credential.ref.partnerId });
    const profile = await call({ method: 'GET', url: '/console/api/partner/profile', token });
    expect(profile.json()).toMatchObject({
      name: 'fresh_partner',
      program: { code: 'csp', name: 'CSP' },
    });
  });

  it('rejects an expired code after 31 minutes', async () => {
    const body = { ...signUp, account_name: 'late_partner', email: 'owner@late.example' };
    expect((await call({ method: 'POST', url: '/console/api/sign-up', body })).statusCode).toBe(
      200,
    );
    const code = /\b(\d{6})\b/.exec(lastMessageTo(t.outbox, 'owner@late.example').text)?.[1] ?? '';
    t.clock.advance(31 * MINUTE_MS);
    const response = await call({
      method: 'POST',
      url: '/console/api/sign-up/verify',
      body: { email: 'owner@late.example', code },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error_code: 'CBC.0100',
      error_msg: "Invalid parameter: field 'code': has expired; request a new code",
    });
  });

  it('rate-limits codes to one a minute per e-mail', async () => {
    const body = { ...signUp, account_name: 'eager_partner', email: 'owner@eager.example' };
    expect((await call({ method: 'POST', url: '/console/api/sign-up', body })).statusCode).toBe(
      200,
    );
    const again = await call({ method: 'POST', url: '/console/api/sign-up', body });
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({ error_code: 'CBC.0250' });
  });

  it("refuses a customer account's name, in any case, before and after the code", async () => {
    const customer = await buildCustomer(t.database.db, partnerId, {
      accountName: 'taken_by_customer',
    });
    const body = {
      ...signUp,
      account_name: 'Taken_By_Customer',
      email: 'owner@taken.example',
    };
    const refused = await call({ method: 'POST', url: '/console/api/sign-up', body });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error_code: 'CBC.0409' });
    expect(refused.json<{ error_msg: string }>().error_msg).toContain("field 'account_name'");
    expect(() => lastMessageTo(t.outbox, 'owner@taken.example')).toThrow();

    // A customer who takes the name while the code is on its way wins: the account is not made.
    const late = {
      ...signUp,
      account_name: 'claimed_meanwhile',
      email: 'owner@meanwhile.example',
    };
    expect(
      (await call({ method: 'POST', url: '/console/api/sign-up', body: late })).statusCode,
    ).toBe(200);
    const code =
      /\b(\d{6})\b/.exec(lastMessageTo(t.outbox, 'owner@meanwhile.example').text)?.[1] ?? '';
    await buildCustomer(t.database.db, customer.partnerId, { accountName: 'CLAIMED_meanwhile' });
    const verified = await call({
      method: 'POST',
      url: '/console/api/sign-up/verify',
      body: { email: 'owner@meanwhile.example', code },
    });
    expect(verified.statusCode).toBe(409);
    expect(
      await accountDirectory.findLoginCredential(t.database.db, 'claimed_meanwhile', undefined),
    ).toBeNull();
  });

  it('names the field of bad input', async () => {
    const badName = await call({
      method: 'POST',
      url: '/console/api/sign-up',
      body: { ...signUp, account_name: 'x y' },
    });
    expect(badName.statusCode).toBe(400);
    expect(badName.json<{ error_msg: string }>().error_msg).toContain('body.account_name');
    const extra = await call({
      method: 'POST',
      url: '/console/api/sign-up',
      body: { ...signUp, admin: true },
    });
    expect(extra.json<{ error_msg: string }>().error_msg).toContain('body.admin');
    const closed = await call({
      method: 'POST',
      url: '/console/api/sign-up',
      body: {
        ...signUp,
        account_name: 'would_be_t1',
        email: 't1@x.example',
        program_code: 'distribution',
      },
    });
    expect(closed.statusCode).toBe(400);
    expect(closed.json()).toMatchObject({ error_code: 'CBC.0410' });
    expect(closed.json<{ error_msg: string }>().error_msg).toContain("field 'program_code'");
    const badCode = await call({
      method: 'POST',
      url: '/console/api/sign-up/verify',
      body: { email: 'owner@fresh.example', code: '12ab56' },
    });
    expect(badCode.json<{ error_msg: string }>().error_msg).toContain('body.code');
  });
});

describe('partner profile', () => {
  it('needs authentication', async () => {
    const response = await call({ method: 'GET', url: '/console/api/partner/profile' });
    expect(response.statusCode).toBe(401);
  });

  it('shows and edits the caller’s own account', async () => {
    const shown = await call({
      method: 'GET',
      url: '/console/api/partner/profile',
      token: partnerToken,
    });
    expect(shown.statusCode).toBe(200);
    expect(Object.keys(shown.json<Record<string, unknown>>()).sort()).toEqual(
      [
        'id',
        'name',
        'company_name',
        'partner_type',
        'status',
        'xaccount_type',
        'email',
        'phone',
        'address',
        'website',
        'industry',
        'contact_name',
        'description',
        'program',
        'parent',
        'created_at',
      ].sort(),
    );
    expect(shown.json()).toMatchObject({ id: partnerId, program: null, parent: null });

    const updated = await call({
      method: 'PUT',
      url: '/console/api/partner/profile',
      token: partnerToken,
      body: { industry: 'Software', contact_name: 'Wang', website: 'https://partner.example' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      id: partnerId,
      industry: 'Software',
      contact_name: 'Wang',
    });

    const badWebsite = await call({
      method: 'PUT',
      url: '/console/api/partner/profile',
      token: partnerToken,
      body: { website: 'javascript:alert(1)' },
    });
    expect(badWebsite.statusCode).toBe(400);
    expect(badWebsite.json<{ error_msg: string }>().error_msg).toContain("field 'website'");
    const notEditable = await call({
      method: 'PUT',
      url: '/console/api/partner/profile',
      token: partnerToken,
      body: { email: 'new@x.example' },
    });
    expect(notEditable.json<{ error_msg: string }>().error_msg).toContain('body.email');
  });

  it('lets a member without partner.info.edit view but not edit', async () => {
    const { member } = await buildMember(t.database.db, { partnerId, permissions: [] });
    const token = await tokenFor(member);
    expect(
      (await call({ method: 'GET', url: '/console/api/partner/profile', token })).statusCode,
    ).toBe(200);
    const denied = await call({
      method: 'PUT',
      url: '/console/api/partner/profile',
      token,
      body: { industry: 'x' },
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe('certification', () => {
  it('runs submit → review → approve over HTTP with snake_case documents', async () => {
    const initial = await call({
      method: 'GET',
      url: '/console/api/partner/certification',
      token: partnerToken,
    });
    expect(initial.json()).toEqual({
      status: 'uncertified',
      certified: null,
      submitted: null,
      failure_reason: '',
      submitted_at: null,
      reviewed_at: null,
    });
    const submitted = await call({
      method: 'POST',
      url: '/console/api/partner/certification',
      token: partnerToken,
      body: certificationBody,
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'in_review', submitted: certificationBody });

    const queue = await call({
      method: 'GET',
      url: '/console/api/operator/certifications?status=in_review&offset=0&limit=10',
      token: operatorToken,
    });
    expect(queue.statusCode).toBe(200);
    expect(queue.json()).toMatchObject({
      total_count: 1,
      certifications: [
        {
          partner_id: partnerId,
          status: 'in_review',
          submitted: certificationBody,
          verification_failures: 0,
        },
      ],
    });

    const approved = await call({
      method: 'POST',
      url: `/console/api/operator/certifications/${partnerId}/approve`,
      token: operatorToken,
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      partner_id: partnerId,
      status: 'certified',
      submitted: null,
    });
    const shown = await call({
      method: 'GET',
      url: '/console/api/partner/certification',
      token: partnerToken,
    });
    expect(shown.json()).toMatchObject({ status: 'certified', certified: certificationBody });

    const again = await call({
      method: 'POST',
      url: `/console/api/operator/certifications/${partnerId}/approve`,
      token: operatorToken,
    });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error_code: 'CBC.0410' });
  });

  it('names the field of a malformed document or review', async () => {
    const { owner } = await buildPartner(t.database.db);
    const token = await tokenFor(owner);
    const badCode = await call({
      method: 'POST',
      url: '/console/api/partner/certification',
      token,
      body: { ...certificationBody, unified_social_credit_code: 'I14403001922038216' },
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json<{ error_msg: string }>().error_msg).toContain(
      'body.unified_social_credit_code',
    );
    const personal = await call({
      method: 'POST',
      url: '/console/api/partner/certification',
      token,
      body: { ...certificationBody, bank_account_name: '张三' },
    });
    expect(personal.json<{ error_msg: string }>().error_msg).toContain("field 'bank_account_name'");
    const missingReason = await call({
      method: 'POST',
      url: `/console/api/operator/certifications/${owner.partnerId}/reject`,
      token: operatorToken,
      body: {},
    });
    expect(missingReason.json<{ error_msg: string }>().error_msg).toContain('body.reason');
    const badStatus = await call({
      method: 'GET',
      url: '/console/api/operator/certifications?status=done',
      token: operatorToken,
    });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json<{ error_msg: string }>().error_msg).toContain('querystring.status');
  });

  it('keeps one partner out of another’s certification and out of the review routes', async () => {
    const { owner } = await buildPartner(t.database.db);
    const outsider = await tokenFor(owner);
    const own = await call({
      method: 'GET',
      url: '/console/api/partner/certification',
      token: outsider,
    });
    expect(own.json()).toMatchObject({ status: 'uncertified', certified: null });
    for (const action of ['approve', 'reject', 'record-verification-failure', 'unlock']) {
      const response = await call({
        method: 'POST',
        url: `/console/api/operator/certifications/${partnerId}/${action}`,
        token: outsider,
        body: action === 'reject' ? { reason: 'no' } : {},
      });
      expect(response.statusCode).toBe(403);
    }
    const list = await call({
      method: 'GET',
      url: '/console/api/operator/certifications',
      token: outsider,
    });
    expect(list.statusCode).toBe(403);
    const mine = await call({
      method: 'GET',
      url: '/console/api/partner/certification',
      token: partnerToken,
    });
    expect(mine.json()).toMatchObject({ status: 'certified' });
  });

  it('locks after three failed verifications and unlocks over HTTP', async () => {
    const { partner, owner } = await buildPartner(t.database.db);
    await call({
      method: 'POST',
      url: '/console/api/partner/certification',
      token: await tokenFor(owner),
      body: certificationBody,
    });
    let last;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      last = await call({
        method: 'POST',
        url: `/console/api/operator/certifications/${partner.id}/record-verification-failure`,
        token: operatorToken,
      });
    }
    expect(last?.json()).toMatchObject({ status: 'locked', verification_failures: 3 });
    const unlocked = await call({
      method: 'POST',
      url: `/console/api/operator/certifications/${partner.id}/unlock`,
      token: operatorToken,
    });
    expect(unlocked.json()).toMatchObject({ status: 'in_review', verification_failures: 0 });
    const rejected = await call({
      method: 'POST',
      url: `/console/api/operator/certifications/${partner.id}/reject`,
      token: operatorToken,
      body: { reason: 'Bank letter needed' },
    });
    expect(rejected.json()).toMatchObject({
      status: 'failed',
      failure_reason: 'Bank letter needed',
    });
    const unknown = await call({
      method: 'POST',
      url: '/console/api/operator/certifications/does-not-exist/approve',
      token: operatorToken,
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('operator partner management', () => {
  it('creates a partner and lists partners with filters', async () => {
    const created = await call({
      method: 'POST',
      url: '/console/api/operator/partners',
      token: operatorToken,
      body: {
        name: 'big_distributor',
        company_name: 'Big Distribution Co.',
        type: 'tier1_distributor',
        email: 'owner@big.example',
        password: PASSWORD,
      },
    });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toEqual({
      id: DOMAIN_ID,
      name: 'big_distributor',
      company_name: 'Big Distribution Co.',
      partner_type: 'tier1_distributor',
      status: 'active',
      xaccount_type: 'HUOBAN_BIG_DISTRIBUTOR',
      email: 'owner@big.example',
      phone: '',
      program: null,
      parent: null,
      certification_status: 'uncertified',
      created_at: WIRE_TIME,
    });
    const distributorId = created.json<{ id: string }>().id;
    const reseller = await call({
      method: 'POST',
      url: '/console/api/operator/partners',
      token: operatorToken,
      body: {
        name: 'small_reseller',
        company_name: 'Small Reseller Co.',
        type: 'reseller',
        email: 'owner@small.example',
        parent_partner_id: distributorId,
        password: PASSWORD,
      },
    });
    expect(reseller.json()).toMatchObject({
      parent: { id: distributorId, name: 'big_distributor' },
    });

    const listed = await call({
      method: 'GET',
      url: '/console/api/operator/partners?partner_type=reseller&keyword=small&limit=5',
      token: operatorToken,
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toMatchObject({ total_count: 1, partners: [{ name: 'small_reseller' }] });

    const duplicate = await call({
      method: 'POST',
      url: '/console/api/operator/partners',
      token: operatorToken,
      body: {
        name: 'BIG_DISTRIBUTOR',
        company_name: 'Copy',
        type: 'solution_provider',
        email: 'c@c.example',
        password: PASSWORD,
      },
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('refuses partners and names the field of bad input', async () => {
    const denied = await call({
      method: 'GET',
      url: '/console/api/operator/partners',
      token: partnerToken,
    });
    expect(denied.statusCode).toBe(403);
    const badType = await call({
      method: 'GET',
      url: '/console/api/operator/partners?partner_type=operator',
      token: operatorToken,
    });
    expect(badType.json<{ error_msg: string }>().error_msg).toContain('querystring.partner_type');
    const badLimit = await call({
      method: 'GET',
      url: '/console/api/operator/partners?limit=500',
      token: operatorToken,
    });
    expect(badLimit.json<{ error_msg: string }>().error_msg).toContain('querystring.limit');
    const orphan = await call({
      method: 'POST',
      url: '/console/api/operator/partners',
      token: operatorToken,
      body: {
        name: 'orphan',
        company_name: 'O',
        type: 'reseller',
        email: 'o@o.example',
        password: PASSWORD,
      },
    });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json<{ error_msg: string }>().error_msg).toContain("field 'parent_partner_id'");
  });
});
