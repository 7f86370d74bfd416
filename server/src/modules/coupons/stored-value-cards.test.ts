import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../platform/clock/index.ts';
import type { AuthenticatedContext } from '../../platform/http/context.ts';
import { withTransaction, type Db } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids/index.ts';
import { Money } from '../../platform/money/index.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import { buildOrganisation, memberContext, memberRef } from '../../../test/factories/org.ts';
import { buildCustomer, customerRef, type CustomerRow } from '../../../test/factories/customers.ts';
import { postTransaction, verifyLedger } from '../accounts/index.ts';
import { coupons } from './schema.ts';

let t: TestApp;
let db: Db;
let operatorCtx: AuthenticatedContext;
let operatorPartnerId: string;
let spKey: AkSk;
let customer: CustomerRow;
let neighbour: CustomerRow;
let outsiderCustomer: CustomerRow;
let usable: string;
let spent: string;
let expired: string;

const START = new Date('2026-03-10T02:00:00Z');
const CARDS = '/v2/promotions/benefits/stored-value-cards';

/**
 * A stored-value card as a purchase would leave it (sales arrive with the orders issue): the
 * coupon row of type 303 and its balance posted from the provider, then `spend` of it used.
 */
async function buildCard(
  holder: CustomerRow,
  input: { name: string; faceValue: string; spend?: string; expireTime: Date },
): Promise<string> {
  const id = `SVC${newId()}`;
  const now = t.clock.now();
  const account = {
    partnerId: holder.partnerId,
    ownerType: 'customer' as const,
    ownerId: holder.id,
    kind: 'coupon' as const,
    reference: id,
  };
  const provider = {
    partnerId: operatorPartnerId,
    ownerType: 'provider' as const,
    ownerId: operatorPartnerId,
    kind: 'funding' as const,
    reference: 'stored_value_cards',
  };
  await withTransaction(db, async (tx) => {
    await tx.insert(coupons).values({
      id,
      partnerId: holder.partnerId,
      customerId: holder.id,
      quotaId: '',
      couponType: 303,
      name: input.name,
      faceValue: input.faceValue,
      scope: { cloudServiceTypes: [], productIds: [] },
      validTime: now,
      expireTime: input.expireTime,
      status: 'issued',
      createdAt: now,
      updatedAt: now,
    });
    const face = new Money(input.faceValue);
    await postTransaction(operatorCtx, tx, {
      kind: 'coupon_issue',
      partnerId: holder.partnerId,
      legs: [
        { account: provider, amount: face.neg() },
        { account, amount: face },
      ],
      amount: face,
    });
    if (input.spend) {
      const spend = new Money(input.spend);
      await postTransaction(operatorCtx, tx, {
        kind: 'coupon_reclaim',
        partnerId: holder.partnerId,
        legs: [
          { account, amount: spend.neg() },
          { account: provider, amount: spend },
        ],
        amount: spend,
      });
    }
  });
  t.clock.advance(1000);
  return id;
}

async function asCustomer(who: CustomerRow, url: string) {
  const token = await issueTestToken(db, customerRef(who), t.clock);
  return t.app.inject({ method: 'GET', url, headers: { 'x-auth-token': token } });
}

interface CardsAnswer {
  total_count: number;
  stored_value_cards: { card_id: string }[];
}

async function cardIds(who: CustomerRow, query: string): Promise<string[]> {
  const response = await asCustomer(who, `${CARDS}?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CardsAnswer>().stored_value_cards.map((card) => card.card_id);
}

beforeAll(async () => {
  t = await buildTestApp(START);
  db = t.database.db;
  const operator = await buildOrganisation(db, { partnerType: 'operator' });
  operatorPartnerId = operator.partner.id;
  operatorCtx = await memberContext(db, t.clock, operator.owner);
  const sp = await buildOrganisation(db);
  spKey = await buildAccessKey(db, t.keyring, memberRef(sp.owner));
  customer = await buildCustomer(db, sp.partner.id, { associatedOn: t.clock.now() });
  neighbour = await buildCustomer(db, sp.partner.id, { associatedOn: t.clock.now() });
  const outsider = await buildOrganisation(db);
  outsiderCustomer = await buildCustomer(db, outsider.partner.id);

  const later = new Date(START.getTime() + 365 * DAY_MS);
  expired = await buildCard(customer, {
    name: '储值卡 100',
    faceValue: '100.00',
    expireTime: new Date(START.getTime() + DAY_MS),
  });
  spent = await buildCard(customer, {
    name: '储值卡 50',
    faceValue: '50.00',
    spend: '50.00',
    expireTime: later,
  });
  usable = await buildCard(customer, {
    name: '储值卡 200',
    faceValue: '200.00',
    spend: '12.34',
    expireTime: later,
  });
  t.clock.advance(2 * DAY_MS);
});

afterAll(async () => {
  await t.close();
});

describe('ListStoredValueCards (GET /v2/promotions/benefits/stored-value-cards)', () => {
  it('lists the customer’s usable cards with the catalog’s fields', async () => {
    const response = await asCustomer(customer, `${CARDS}?status=1`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      total_count: 1,
      stored_value_cards: [
        {
          card_id: usable,
          card_name: '储值卡 200',
          status: 1,
          face_value: '200.00',
          balance: '187.66',
          effective_time: expect.stringMatching(/^2026-03-10T02:00:0\dZ$/) as unknown,
          expire_time: expect.stringMatching(/^2027-03-10T02:00:00Z$/) as unknown,
        },
      ],
    });
  });

  it('reads used-up and expired cards as status 2, newest first, by the clock', async () => {
    expect(await cardIds(customer, 'status=2')).toEqual([spent, expired]);
    expect(await cardIds(customer, `status=2&card_id=${spent}`)).toEqual([spent]);
    expect(await cardIds(customer, `status=1&card_id=${spent}`)).toEqual([]);
    const paged = await asCustomer(customer, `${CARDS}?status=2&offset=1&limit=1`);
    expect(paged.json()).toMatchObject({
      total_count: 2,
      stored_value_cards: [{ card_id: expired, balance: '100.00', status: 2 }],
    });
  });

  it('refuses a missing or unknown status, naming the field', async () => {
    for (const query of ['', '?status=3', '?status=1&limit=0']) {
      const response = await asCustomer(customer, `${CARDS}${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ error_code: 'CBC.0100' });
      expect(response.body).toContain(query.includes('limit') ? 'limit' : 'status');
    }
  });

  it('shows other customers none of the cards, answers no partner and no anonymous caller', async () => {
    for (const other of [neighbour, outsiderCustomer]) {
      expect(await cardIds(other, 'status=1')).toEqual([]);
      expect(await cardIds(other, `status=2&card_id=${spent}`)).toEqual([]);
    }
    const partner = await signedRequest(t.app, spKey, { method: 'GET', url: `${CARDS}?status=1` });
    expect(partner.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: `${CARDS}?status=1` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('keeps the cards out of the partner’s coupons: not listed, not reclaimable', async () => {
    const own = await asCustomer(customer, '/v2/promotions/benefits/coupons');
    expect(own.json()).toMatchObject({ count: 0, user_coupons: [] });
    const issued = await signedRequest(t.app, spKey, {
      method: 'GET',
      url: `/v2/promotions/benefits/partner-coupons?customer_id=${customer.id}`,
    });
    expect(issued.json()).toMatchObject({ total_count: 0 });
    const reclaim = await signedRequest(t.app, spKey, {
      method: 'POST',
      url: '/v2/promotions/benefits/partner-coupons/reclaim',
      payload: { coupon_id: usable },
    });
    expect(reclaim.statusCode).toBe(404);
    expect(await cardIds(customer, 'status=1')).toEqual([usable]);
    expect((await verifyLedger(db)).differences).toEqual([]);
  });
});
