import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { DAY_MS } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { newId } from '../../platform/ids/index.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { lastMessageTo, readOutbox } from '../../../test/helpers/mail.ts';
import {
  buildOrganisation,
  buildOrgMember,
  memberRef,
  type BuiltOrganisation,
  type MemberRow,
} from '../../../test/factories/org.ts';
import { buildPartner } from '../../../test/factories/partners.ts';
import { buildCustomer } from '../../../test/factories/customers.ts';
import { customerInvitations, customerPreregistrations } from './schema.ts';

let t: TestApp;
let db: Db;
let org: BuiltOrganisation;
let asOwner: MemberRow;
let manager: MemberRow;
let asManager: MemberRow;
let asOtherManager: MemberRow;
let asOutsider: MemberRow;
let asOperator: MemberRow;

beforeAll(async () => {
  t = await buildTestApp('2026-05-01T08:00:00Z');
  db = t.database.db;
  org = await buildOrganisation(db);
  asOwner = org.owner;
  manager = await buildOrgMember(db, org.partner.id, [org.roles.account_manager]);
  asManager = manager;
  asOtherManager = await buildOrgMember(db, org.partner.id, [org.roles.account_manager]);
  asOutsider = (await buildOrganisation(db)).owner;
  asOperator = (await buildPartner(db, { partnerType: 'operator' })).owner;
});
afterAll(async () => {
  await t.close();
});

/** Calls as `member` with a token issued at the current clock time (tests move the clock by days). */
async function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  member?: MemberRow,
  payload?: object,
) {
  const token = member ? await issueTestToken(db, memberRef(member), t.clock) : undefined;
  const options: InjectOptions = { method, url, headers: token ? { 'x-auth-token': token } : {} };
  if (payload) options.payload = payload;
  return t.app.inject(options);
}

const BASE = '/console/api/customer-development';
let nameCounter = 0;
function prospectName(): string {
  nameCounter += 1;
  return `Prospect ${nameCounter} ${newId().slice(0, 6)}`;
}

interface PreregistrationBody {
  id: string;
  customer_name: string;
  status: string;
  expires_at: string | null;
  email: string;
  created_by: { id: string };
}

interface InvitationBody {
  id: string;
  channel: string;
  token: string | null;
  email: string;
  status: string;
  expires_at: string | null;
  resend_count: number;
  tag: string;
}

describe('pre-registration (SM-1)', () => {
  it('reserves a prospect for 15 days and masks its contacts', async () => {
    const name = prospectName();
    const response = await call('POST', `${BASE}/preregistrations`, asOwner, {
      customer_name: name,
      contact_name: 'Li Lei',
      email: 'lilei@example.com',
      mobile: '13800001111',
      association_type: '2',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      customer_name: name,
      status: 'registered',
      expires_at: '2026-05-16T08:00:00Z',
      email: 'l***@example.com',
      mobile: '0086-138****1111',
      created_by: { id: org.owner.id },
    });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.resourceId, response.json<PreregistrationBody>().id));
    expect(event?.action).toBe('customers.preregistration.create');
  });

  it('names the field of bad input and needs credentials', async () => {
    const blank = await call('POST', `${BASE}/preregistrations`, asOwner, {
      customer_name: '   ',
      email: 'a@example.com',
      association_type: '2',
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ error_code: 'CBC.0100' });
    expect(blank.json<{ error_msg: string }>().error_msg).toContain('customer_name');
    const noContact = await call('POST', `${BASE}/preregistrations`, asOwner, {
      customer_name: prospectName(),
      association_type: '2',
    });
    expect(noContact.json<{ error_msg: string }>().error_msg).toContain('email');
    const badMobile = await call('POST', `${BASE}/preregistrations`, asOwner, {
      customer_name: prospectName(),
      mobile: '12',
      association_type: '2',
    });
    expect(badMobile.statusCode).toBe(400);
    expect(badMobile.json<{ error_msg: string }>().error_msg).toContain('mobile');
    const badType = await call('POST', `${BASE}/preregistrations`, asOwner, {
      customer_name: prospectName(),
      email: 'a@example.com',
      association_type: '3',
    });
    expect(badType.statusCode).toBe(400);
    const anonymous = await call('POST', `${BASE}/preregistrations`, undefined, {
      customer_name: prospectName(),
      email: 'a@example.com',
      association_type: '2',
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('keeps a reserved prospect from every other partner without telling who holds it', async () => {
    const name = prospectName();
    await call('POST', `${BASE}/preregistrations`, asOwner, {
      customer_name: name,
      email: 'x@example.com',
      association_type: '2',
    });
    const taken = await call('POST', `${BASE}/preregistrations`, asOutsider, {
      customer_name: name.toUpperCase(),
      email: 'y@example.com',
      association_type: '2',
    });
    expect(taken.statusCode).toBe(409);
    const message = taken.json<{ error_msg: string }>().error_msg;
    expect(message).toContain('another partner');
    expect(message).not.toContain(org.partner.name);
    const again = await call('POST', `${BASE}/preregistrations`, asOwner, {
      customer_name: name,
      email: 'x@example.com',
      association_type: '2',
    });
    expect(again.statusCode).toBe(409);
  });

  it('lets the reservation lapse after 15 days, freeing the name', async () => {
    const name = prospectName();
    const created = await call('POST', `${BASE}/preregistrations`, asOwner, {
      customer_name: name,
      email: 'z@example.com',
      association_type: '2',
    });
    const id = created.json<PreregistrationBody>().id;
    t.clock.advance(15 * DAY_MS - 1000);
    const stillHeld = await call('POST', `${BASE}/preregistrations`, asOutsider, {
      customer_name: name,
      email: 'w@example.com',
      association_type: '2',
    });
    expect(stillHeld.statusCode).toBe(409);
    t.clock.advance(1000);
    const list = await call(
      'GET',
      `${BASE}/preregistrations?status=expired&customer_name=${encodeURIComponent(name)}`,
      asOwner,
    );
    expect(list.json<{ preregistrations: PreregistrationBody[] }>().preregistrations).toEqual([
      expect.objectContaining({ id, status: 'expired' }),
    ]);
    const freed = await call('POST', `${BASE}/preregistrations`, asOutsider, {
      customer_name: name,
      email: 'w@example.com',
      association_type: '2',
    });
    expect(freed.statusCode).toBe(200);
    expect(freed.json()).toMatchObject({ status: 'registered' });
  });

  it('refuses prospects that are customers already', async () => {
    const mine = await buildCustomer(db, org.partner.id, { customerName: prospectName() });
    const response = await call('POST', `${BASE}/preregistrations`, asOutsider, {
      customer_name: mine.customerName,
      email: 'q@example.com',
      association_type: '2',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ error_msg: string }>().error_msg).toContain('associated with a partner');
  });

  it('sends a long-registered former customer to the operator, who approves or rejects', async () => {
    const now = t.clock.now();
    const old = new Date(now.getTime() - 30 * DAY_MS);
    const former = await buildCustomer(db, org.partner.id, {
      customerName: prospectName(),
      status: 'disassociated',
      createdAt: old,
      associatedOn: old,
    });
    const created = await call('POST', `${BASE}/preregistrations`, asOwner, {
      customer_name: former.customerName,
      email: 'r@example.com',
      association_type: '2',
    });
    expect(created.json()).toMatchObject({ status: 'in_review', expires_at: null });
    const id = created.json<PreregistrationBody>().id;

    const queue = await call('GET', '/console/api/operator/preregistration-reviews', asOperator);
    expect(queue.statusCode).toBe(200);
    expect(queue.json<{ preregistrations: { id: string }[] }>().preregistrations).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, partner_id: org.partner.id })]),
    );
    const partnerTries = await call(
      'POST',
      `/console/api/operator/preregistration-reviews/${id}`,
      asOwner,
      { approve: true },
    );
    expect(partnerTries.statusCode).toBe(403);
    const noOpinion = await call(
      'POST',
      `/console/api/operator/preregistration-reviews/${id}`,
      asOperator,
      { approve: false },
    );
    expect(noOpinion.statusCode).toBe(400);
    expect(noOpinion.json<{ error_msg: string }>().error_msg).toContain('opinion');
    const approved = await call(
      'POST',
      `/console/api/operator/preregistration-reviews/${id}`,
      asOperator,
      { approve: true, opinion: 'ok' },
    );
    expect(approved.json()).toMatchObject({
      status: 'registered',
      expires_at: new Date(t.clock.now().getTime() + 15 * DAY_MS)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
    });
    const twice = await call(
      'POST',
      `/console/api/operator/preregistration-reviews/${id}`,
      asOperator,
      { approve: false, opinion: 'no' },
    );
    expect(twice.statusCode).toBe(400);
  });

  it('needs a mobile or e-mail in the partner basic information (R-CUS-04)', async () => {
    const bare = await buildOrganisation(db, { email: '', phone: '' });
    const response = await call('POST', `${BASE}/preregistrations`, bare.owner, {
      customer_name: prospectName(),
      email: 'p@example.com',
      association_type: '2',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error_code: 'CBC.0410' });
  });

  it('stops at 100 open pre-registrations (R-CUS-02)', async () => {
    const busy = await buildOrganisation(db);
    const token = busy.owner;
    const now = t.clock.now();
    await db.insert(customerPreregistrations).values(
      Array.from({ length: 100 }, (_, index) => ({
        id: newId(),
        partnerId: busy.partner.id,
        customerName: `bulk ${busy.partner.id} ${index}`,
        associationType: '2' as const,
        status: index % 2 === 0 ? ('registered' as const) : ('in_review' as const),
        expiresAt: index % 2 === 0 ? new Date(now.getTime() + DAY_MS) : null,
        createdBy: busy.owner.id,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const full = await call('POST', `${BASE}/preregistrations`, token, {
      customer_name: prospectName(),
      email: 'f@example.com',
      association_type: '2',
    });
    expect(full.statusCode).toBe(400);
    expect(full.json()).toMatchObject({ error_code: 'CBC.0411' });
    // A lapsed reservation no longer counts.
    t.clock.advance(DAY_MS);
    const room = await call('POST', `${BASE}/preregistrations`, token, {
      customer_name: prospectName(),
      email: 'f@example.com',
      association_type: '2',
    });
    expect(room.statusCode).toBe(200);
  });

  it('shows an account manager only their own pre-registrations; outsiders see none', async () => {
    const name = prospectName();
    const created = await call('POST', `${BASE}/preregistrations`, asManager, {
      customer_name: name,
      email: 'm@example.com',
      association_type: '2',
    });
    expect(created.statusCode).toBe(200);
    const query = `${BASE}/preregistrations?customer_name=${encodeURIComponent(name)}`;
    const own = await call('GET', query, asManager);
    expect(own.json()).toMatchObject({ total_count: 1 });
    expect((await call('GET', query, asOwner)).json()).toMatchObject({ total_count: 1 });
    expect((await call('GET', query, asOtherManager)).json()).toMatchObject({ total_count: 0 });
    expect((await call('GET', query, asOutsider)).json()).toMatchObject({ total_count: 0 });
    const allMine = await call('GET', `${BASE}/preregistrations?limit=100`, asManager);
    for (const row of allMine.json<{ preregistrations: PreregistrationBody[] }>()
      .preregistrations) {
      expect(row.created_by.id).toBe(manager.id);
    }
  });
});

describe('a supervisor', () => {
  it("sees their team's invitations, not another team's", async () => {
    const lead = await buildOrgMember(db, org.partner.id, [org.roles.am_supervisor]);
    const member = await buildOrgMember(db, org.partner.id, [org.roles.account_manager], {
      supervisorId: lead.id,
    });
    const stranger = await buildOrgMember(db, org.partner.id, [org.roles.account_manager]);
    await call('POST', `${BASE}/invitations`, member, {
      emails: ['team@example.com'],
      association_type: '2',
    });
    await call('POST', `${BASE}/invitations`, stranger, {
      emails: ['elsewhere@example.com'],
      association_type: '2',
    });
    const seen = await call('GET', `${BASE}/invitations?limit=100`, lead);
    const emails = seen.json<{ invitations: InvitationBody[] }>().invitations.map((r) => r.email);
    expect(emails).toContain('team@example.com');
    expect(emails).not.toContain('elsewhere@example.com');
  });
});

describe('e-mail invitations (SM-2)', () => {
  it('sends a batch, one mail per address with its own link valid 7 days', async () => {
    const response = await call('POST', `${BASE}/invitations`, asOwner, {
      emails: ['one@example.com', 'TWO@example.com', 'one@example.com'],
      association_type: '2',
    });
    expect(response.statusCode).toBe(200);
    const sent = response.json<{ invitations: InvitationBody[] }>().invitations;
    expect(sent.map((row) => row.email)).toEqual(['one@example.com', 'two@example.com']);
    expect(sent[0]).toMatchObject({
      channel: 'email',
      token: null,
      status: 'invited',
      expires_at: new Date(t.clock.now().getTime() + 7 * DAY_MS)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
    });
    const mail = lastMessageTo(t.outbox, 'two@example.com');
    expect(mail.text).toContain(org.partner.companyName);
    expect(mail.text).toMatch(/http:\/\/localhost(:\d+)?\/invite\/[\w-]{20,}/);
  });

  it('rejects malformed, empty and oversized batches naming the field', async () => {
    const bad = await call('POST', `${BASE}/invitations`, asOwner, {
      emails: ['ok@example.com', 'nope'],
      association_type: '2',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error_msg: string }>().error_msg).toContain('emails[1]');
    const none = await call('POST', `${BASE}/invitations`, asOwner, {
      emails: [],
      association_type: '2',
    });
    expect(none.json<{ error_msg: string }>().error_msg).toContain('emails');
    const tooMany = await call('POST', `${BASE}/invitations`, asOwner, {
      emails: Array.from({ length: 51 }, (_, index) => `n${index}@example.com`),
      association_type: '2',
    });
    expect(tooMany.statusCode).toBe(400);
    const anonymous = await call('POST', `${BASE}/invitations`, undefined, {
      emails: ['a@example.com'],
      association_type: '2',
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('offers referral only once the operator enables it (R-CUS-09)', async () => {
    const refused = await call('POST', `${BASE}/invitations`, asOwner, {
      emails: ['ref@example.com'],
      association_type: '1',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error_code: 'CBC.0410' });
    expect(refused.json<{ error_msg: string }>().error_msg).toContain('association_type');
    const byPartner = await call(
      'PUT',
      `/console/api/operator/partners/${org.partner.id}/customer-referral`,
      asOwner,
      { enabled: true },
    );
    expect(byPartner.statusCode).toBe(403);
    const url = `/console/api/operator/partners/${org.partner.id}/customer-referral`;
    expect((await call('GET', url, asOperator)).json()).toEqual({ referral_enabled: false });
    expect((await call('GET', url, asOwner)).statusCode).toBe(403);
    expect(
      (await call('GET', '/console/api/operator/partners/nobody/customer-referral', asOperator))
        .statusCode,
    ).toBe(404);
    const enabled = await call(
      'PUT',
      `/console/api/operator/partners/${org.partner.id}/customer-referral`,
      asOperator,
      { enabled: true },
    );
    expect(enabled.json()).toEqual({ referral_enabled: true });
    expect((await call('GET', url, asOperator)).json()).toEqual({ referral_enabled: true });
    expect((await call('GET', `${BASE}/settings`, asManager)).json()).toEqual({
      referral_enabled: true,
    });
    const accepted = await call('POST', `${BASE}/invitations`, asOwner, {
      emails: ['ref@example.com'],
      association_type: '1',
    });
    expect(accepted.statusCode).toBe(200);
  });

  it('previews the e-mail', async () => {
    const response = await call('GET', `${BASE}/invitations/preview?association_type=2`, asManager);
    expect(response.statusCode).toBe(200);
    expect(response.json<{ text: string }>().text).toContain('代售');
  });

  it('follows up a pre-registration only while it is reserved', async () => {
    const created = await call('POST', `${BASE}/preregistrations`, asOwner, {
      customer_name: prospectName(),
      email: 'prospect@example.com',
      association_type: '2',
    });
    const prereg = created.json<PreregistrationBody>();
    const invited = await call('POST', `${BASE}/invitations`, asOwner, {
      emails: [],
      association_type: '2',
      preregistration_id: prereg.id,
    });
    expect(invited.statusCode).toBe(200);
    expect(invited.json<{ invitations: InvitationBody[] }>().invitations[0]?.email).toBe(
      'prospect@example.com',
    );
    const outsider = await call('POST', `${BASE}/invitations`, asOutsider, {
      emails: ['x@example.com'],
      association_type: '2',
      preregistration_id: prereg.id,
    });
    expect(outsider.statusCode).toBe(404);
    t.clock.advance(16 * DAY_MS);
    const lapsed = await call('POST', `${BASE}/invitations`, asOwner, {
      emails: [],
      association_type: '2',
      preregistration_id: prereg.id,
    });
    expect(lapsed.statusCode).toBe(400);
    expect(lapsed.json<{ error_msg: string }>().error_msg).toContain('expired');
  });

  it('expires after 7 days; resend restarts the validity; revoke ends it', async () => {
    const sent = await call('POST', `${BASE}/invitations`, asManager, {
      emails: ['late@example.com'],
      association_type: '2',
    });
    const invitation = sent.json<{ invitations: InvitationBody[] }>().invitations[0];
    if (!invitation) throw new Error('no invitation');
    t.clock.advance(8 * DAY_MS);
    const expired = await call(
      'GET',
      `${BASE}/invitations?status=expired&email=late@example.com`,
      asManager,
    );
    expect(expired.json<{ invitations: InvitationBody[] }>().invitations).toEqual([
      expect.objectContaining({ id: invitation.id, status: 'expired' }),
    ]);
    const before = readOutbox(t.outbox).filter((mail) => mail.to === 'late@example.com').length;
    const outsider = await call('POST', `${BASE}/invitations/${invitation.id}/resend`, asOutsider);
    expect(outsider.statusCode).toBe(404);
    const sibling = await call(
      'POST',
      `${BASE}/invitations/${invitation.id}/resend`,
      asOtherManager,
    );
    expect(sibling.statusCode).toBe(404);
    const resent = await call('POST', `${BASE}/invitations/${invitation.id}/resend`, asManager);
    expect(resent.json()).toMatchObject({
      status: 'invited',
      resend_count: 1,
      expires_at: new Date(t.clock.now().getTime() + 7 * DAY_MS)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
    });
    expect(readOutbox(t.outbox).filter((mail) => mail.to === 'late@example.com')).toHaveLength(
      before + 1,
    );
    const outsiderRevoke = await call(
      'POST',
      `${BASE}/invitations/${invitation.id}/revoke`,
      asOutsider,
    );
    expect(outsiderRevoke.statusCode).toBe(404);
    const revoked = await call('POST', `${BASE}/invitations/${invitation.id}/revoke`, asOwner);
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
    const again = await call('POST', `${BASE}/invitations/${invitation.id}/resend`, asOwner);
    expect(again.statusCode).toBe(400);
  });
});

describe('offline links and QR codes (R-CUS-10)', () => {
  it('keeps one standing link per member and type; an admin link carries the account name', async () => {
    const first = await call('POST', `${BASE}/links`, asOwner, { association_type: '2' });
    expect(first.statusCode).toBe(200);
    const link = first.json<InvitationBody>();
    expect(link).toMatchObject({ channel: 'link', expires_at: null, tag: org.owner.userName });
    expect(link.token).toMatch(/^[\w-]{40,}$/);
    const second = await call('POST', `${BASE}/links`, asOwner, { association_type: '2' });
    expect(second.json<InvitationBody>().id).toBe(link.id);
    const managerLink = await call('POST', `${BASE}/links`, asManager, {
      association_type: '2',
    });
    expect(managerLink.json()).toMatchObject({ tag: '' });
    const listed = await call('GET', `${BASE}/links`, asOwner);
    expect(listed.json<{ invitations: InvitationBody[] }>().invitations.map((r) => r.id)).toEqual([
      link.id,
    ]);
    const rows = await db
      .select()
      .from(customerInvitations)
      .where(
        and(
          eq(customerInvitations.partnerId, org.partner.id),
          eq(customerInvitations.channel, 'link'),
          eq(customerInvitations.inviterMemberId, org.owner.id),
        ),
      );
    expect(rows.filter((row) => row.associationType === '2')).toHaveLength(1);
  });

  it('renders the QR code as a PNG, for its owner only', async () => {
    const link = (
      await call('POST', `${BASE}/links`, asManager, { association_type: '2' })
    ).json<InvitationBody>();
    const png = await call('GET', `${BASE}/links/${link.id}/qr.png`, asManager);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect((await call('GET', `${BASE}/links/${link.id}/qr.png`, asOutsider)).statusCode).toBe(404);
    expect((await call('GET', `${BASE}/links/${link.id}/qr.png`, asOtherManager)).statusCode).toBe(
      404,
    );
  });
});

describe('the reseller channel', () => {
  it("keeps a reseller's invitations from its sibling and from its distributor", async () => {
    const distributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
    const first = await buildOrganisation(db, {
      partnerType: 'reseller',
      parentPartnerId: distributor.partner.id,
    });
    const sibling = await buildOrganisation(db, {
      partnerType: 'reseller',
      parentPartnerId: distributor.partner.id,
    });
    const sent = await call('POST', `${BASE}/invitations`, first.owner, {
      emails: ['channel@example.com'],
      association_type: '2',
    });
    expect(sent.statusCode).toBe(200);
    const id = sent.json<{ invitations: InvitationBody[] }>().invitations[0]?.id ?? '';
    const query = `${BASE}/invitations?email=channel@example.com`;
    expect((await call('GET', query, first.owner)).json()).toMatchObject({ total_count: 1 });
    expect((await call('GET', query, sibling.owner)).json()).toMatchObject({ total_count: 0 });
    expect((await call('GET', query, distributor.owner)).json()).toMatchObject({
      total_count: 0,
    });
    const revoke = await call('POST', `${BASE}/invitations/${id}/revoke`, sibling.owner);
    expect(revoke.statusCode).toBe(404);
    const [row] = await db
      .select({ status: customerInvitations.status })
      .from(customerInvitations)
      .where(eq(customerInvitations.id, id));
    expect(row?.status).toBe('invited');
  });
});
