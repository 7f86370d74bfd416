import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrincipalRef } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/index.ts';
import { Errors } from '../../platform/http/errors.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { buildOrganisation, memberRef } from '../../../test/factories/org.ts';
import { buildCustomer } from '../../../test/factories/customers.ts';
import { createOperatorAccount } from '../partners/index.ts';
import { customerAssociationRequests } from './schema.ts';
import { initialRequestStatus } from './service/association-rules.ts';

let t: TestApp;
let db: Db;
let partnerId: string;
let owner: PrincipalRef;
let outsider: PrincipalRef;
let operator: PrincipalRef;

beforeAll(async () => {
  t = await buildTestApp('2026-03-02T08:00:00Z');
  db = t.database.db;
  const org = await buildOrganisation(db);
  partnerId = org.partner.id;
  owner = memberRef(org.owner);
  outsider = memberRef((await buildOrganisation(db)).owner);
  const ops = await createOperatorAccount(db, t.clock, {
    name: 'review_operator',
    companyName: 'Huoban Cloud',
    email: 'ops-review@huoban.example',
    password: 'Strong-pass-42',
  });
  operator = memberRef(ops.owner);
});
afterAll(async () => {
  await t.close();
});

async function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  who: PrincipalRef | undefined,
  payload?: object,
) {
  const headers = who ? { 'x-auth-token': await issueTestToken(db, who, t.clock) } : {};
  const options: InjectOptions = { method, url, headers };
  if (payload) options.payload = payload;
  return t.app.inject(options);
}

async function submit() {
  const customer = await buildCustomer(db, partnerId, { associatedOn: t.clock.now() });
  const response = await call(
    'POST',
    `/console/api/customers/${customer.id}/association-requests`,
    owner,
    { kind: 'disassociate', reason: 'moving on', acknowledged: true },
  );
  return { customer, body: response.json<{ id: string; status: string }>() };
}

describe('initialRequestStatus (R-DIS-06)', () => {
  it('sends only partner disassociations to pre-review, and only while it is on', () => {
    expect(initialRequestStatus('partner', 'disassociate', true)).toBe('pending_review');
    expect(initialRequestStatus('partner', 'switch_type', true)).toBe('pending_customer');
    expect(initialRequestStatus('partner', 'disassociate', false)).toBe('pending_customer');
    expect(initialRequestStatus('customer', 'disassociate', true)).toBe('pending_partner');
  });
});

describe('the operator pre-review of partner disassociations', () => {
  it('validates the setting and lets only the operator change it', async () => {
    const url = '/console/api/operator/disassociation-pre-review';
    expect((await call('GET', url, operator)).json()).toMatchObject({ enabled: false });
    const blank = await call('PUT', url, operator, { enabled: true, reviewer_contact: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json<{ error_msg: string }>().error_msg).toContain('reviewer_contact');
    expect(
      (await call('PUT', url, owner, { enabled: true, reviewer_contact: 'x' })).statusCode,
    ).toBe(403);
    const on = await call('PUT', url, operator, {
      enabled: true,
      reviewer_contact: 'review@huoban.example',
    });
    expect(on.json()).toMatchObject({ enabled: true, reviewer_contact: 'review@huoban.example' });
  });

  it('holds a partner request in pre-review; a pass sends it on to the customer', async () => {
    const { customer, body } = await submit();
    expect(body.status).toBe('pending_review');
    const queue = await call('GET', '/console/api/operator/association-reviews', operator);
    expect(queue.json<{ requests: { id: string }[] }>().requests.map((r) => r.id)).toContain(
      body.id,
    );
    expect((await call('GET', '/console/api/operator/association-reviews', owner)).statusCode).toBe(
      403,
    );
    const passed = await call(
      'POST',
      `/console/api/operator/association-reviews/${body.id}/pass`,
      operator,
      {},
    );
    expect(passed.json()).toMatchObject({ status: 'pending_customer' });
    const again = await call(
      'POST',
      `/console/api/operator/association-reviews/${body.id}/pass`,
      operator,
      {},
    );
    expect(again.json<{ error_code: string }>().error_code).toBe(Errors.OPERATION_NOT_ALLOWED.code);
    expect(customer.id).toBeTruthy();
  });

  it('shows a failed pre-review with its reason and the contact to the partner only', async () => {
    const { customer, body } = await submit();
    const reasonless = await call(
      'POST',
      `/console/api/operator/association-reviews/${body.id}/fail`,
      operator,
      {},
    );
    expect(reasonless.statusCode).toBe(400);
    expect(reasonless.json<{ error_msg: string }>().error_msg).toContain('opinion');
    const failed = await call(
      'POST',
      `/console/api/operator/association-reviews/${body.id}/fail`,
      operator,
      { opinion: 'arrears unresolved' },
    );
    expect(failed.json()).toMatchObject({
      status: 'review_failed',
      review_opinion: 'arrears unresolved',
      reviewer_contact: 'review@huoban.example',
    });
    const state = await call(
      'GET',
      `/console/api/customers/${customer.id}/association-request`,
      owner,
    );
    expect(state.json()).toMatchObject({
      request: null,
      failed_review: { id: body.id, review_opinion: 'arrears unresolved' },
    });
    const foreign = await call(
      'GET',
      `/console/api/customers/${customer.id}/association-request`,
      outsider,
    );
    expect(foreign.statusCode).toBe(404);
    const unknown = await call(
      'POST',
      '/console/api/operator/association-reviews/no-such-request/pass',
      operator,
      {},
    );
    expect(unknown.statusCode).toBe(404);
    const [row] = await db
      .select()
      .from(customerAssociationRequests)
      .where(eq(customerAssociationRequests.id, body.id));
    expect(row?.status).toBe('review_failed');
  });
});
