import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import type { Db } from '../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../platform/http/context.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { expectApiError } from '../../../test/helpers/api-error.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { readOutbox } from '../../../test/helpers/mail.ts';
import { buildPartner, type BuiltPartner } from '../../../test/factories/partners.ts';
import { memberContext } from '../../../test/factories/org.ts';
import { resellerApplications } from './schema.ts';
import {
  applyToDistributor,
  INVITATION_RESEND_INTERVAL_MS,
  inviteReseller,
  resellerInvitationMail,
  resendResellerInvitations,
  respondAsReseller,
} from './service/index.ts';

let t: TestApp;
let db: Db;
let distributor: BuiltPartner;
let distributorCtx: AuthenticatedContext;

async function ownerContext(built: BuiltPartner): Promise<AuthenticatedContext> {
  return memberContext(db, t.clock, built.owner);
}

function mailsTo(address: string) {
  return readOutbox(t.outbox).filter((message) => message.to === address);
}

async function stored(id: string) {
  const [row] = await db.select().from(resellerApplications).where(eq(resellerApplications.id, id));
  return row;
}

async function invite(message?: string) {
  const invited = await buildPartner(db, { partnerType: 'reseller' });
  const invitation = await inviteReseller(
    distributorCtx,
    { resellerAccountName: invited.partner.name, message },
    t.mailer,
  );
  return { invited, invitation };
}

beforeAll(async () => {
  t = await buildTestApp('2026-03-01T08:00:00Z');
  db = t.database.db;
  distributor = await buildPartner(db, {
    partnerType: 'tier1_distributor',
    companyName: '杭州云分销有限公司',
  });
  distributorCtx = await ownerContext(distributor);
});

afterAll(async () => {
  await t.close();
});

describe('the invitation e-mail', () => {
  it('names the distributor, the reseller account, the message and where to answer, in both languages', () => {
    const mail = resellerInvitationMail({
      distributorName: 'hz_dist',
      distributorCompany: '杭州云分销有限公司',
      resellerName: 'west_lake',
      message: '欢迎加入',
    });
    expect(mail.subject).toBe(
      '杭州云分销有限公司 invites you to be its cloud reseller / 云经销商合作邀请',
    );
    expect(mail.text).toContain(
      '杭州云分销有限公司 (hz_dist) invites your partner account "west_lake" to become its cloud reseller.',
    );
    expect(mail.text).toContain('Partner > Distributor cooperation');
    expect(mail.text).toContain('Message from the distributor: 欢迎加入');
    expect(mail.text).toContain(
      '杭州云分销有限公司 (hz_dist)邀请您的伙伴账号“west_lake”成为其云经销商。',
    );
    expect(mail.text).toContain('伙伴信息 > 总经销商合作');
    expect(mail.text).toContain('总经销商留言：欢迎加入');
  });

  it('leaves the message lines out when the distributor wrote none', () => {
    const mail = resellerInvitationMail({
      distributorName: 'd',
      distributorCompany: 'D Ltd.',
      resellerName: 'r',
      message: '',
    });
    expect(mail.text).not.toContain('Message from the distributor');
    expect(mail.text).not.toContain('总经销商留言');
  });
});

describe('inviting a reseller', () => {
  it('mails the invitation to the reseller account’s e-mail after recording it', async () => {
    const { invited, invitation } = await invite('  join our channel  ');
    const mails = mailsTo(invited.partner.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(
      '杭州云分销有限公司 invites you to be its cloud reseller / 云经销商合作邀请',
    );
    expect(mails[0]?.text).toContain(`"${invited.partner.name}"`);
    expect(mails[0]?.text).toContain(`(${distributor.partner.name})`);
    expect(mails[0]?.text).toContain('Message from the distributor: join our channel');
    expect(invitation).toMatchObject({ sentCount: 1, lastSentAt: t.clock.now() });
    expect(await stored(invitation.id)).toMatchObject({ sentCount: 1, lastSentAt: t.clock.now() });
  });

  it('sends nothing when the invitation is refused', async () => {
    const bound = await buildPartner(db, {
      partnerType: 'reseller',
      parentPartnerId: distributor.partner.id,
    });
    await expectApiError(
      () => inviteReseller(distributorCtx, { resellerAccountName: bound.partner.name }, t.mailer),
      'CBC.0410',
    );
    expect(mailsTo(bound.partner.email)).toEqual([]);
  });

  it('counts no e-mail on a reseller’s own application', async () => {
    const applicant = await buildPartner(db, { partnerType: 'reseller' });
    const application = await applyToDistributor(await ownerContext(applicant), {
      distributorAccountName: distributor.partner.name,
    });
    expect(application).toMatchObject({ sentCount: 0, lastSentAt: null });
    expect(mailsTo(applicant.partner.email)).toEqual([]);
  });
});

describe('resending invitations', () => {
  it('sends a pending invitation again once a minute has passed, audited in both trails', async () => {
    const { invited, invitation } = await invite();
    const early = await resendResellerInvitations(
      distributorCtx,
      { applicationIds: [invitation.id] },
      t.mailer,
    );
    expect(early).toEqual({
      resent: 0,
      errorDetails: [
        { id: invitation.id, errorCode: 'CBC.0250', errorMessage: expect.any(String) as string },
      ],
    });
    expect(mailsTo(invited.partner.email)).toHaveLength(1);

    t.clock.advance(INVITATION_RESEND_INTERVAL_MS);
    const result = await resendResellerInvitations(
      distributorCtx,
      { applicationIds: [invitation.id] },
      t.mailer,
    );
    expect(result).toEqual({ resent: 1, errorDetails: [] });
    const mails = mailsTo(invited.partner.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toBe(mails[0]?.subject);
    expect(await stored(invitation.id)).toMatchObject({ sentCount: 2, lastSentAt: t.clock.now() });
    for (const partnerId of [distributor.partner.id, invited.partner.id]) {
      const trail = await db
        .select({ action: auditEvents.action, after: auditEvents.after })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.partnerId, partnerId),
            eq(auditEvents.resourceId, invitation.id),
            eq(auditEvents.action, 'partners.reseller_application.resend'),
          ),
        );
      expect(trail).toHaveLength(1);
    }
  });

  it('resends a batch: each id on its own, only the caller’s pending invitations', async () => {
    const first = await invite('first');
    const second = await invite('second');
    const answered = await invite();
    await respondAsReseller(await ownerContext(answered.invited), answered.invitation.id, 'reject');
    const applicant = await buildPartner(db, { partnerType: 'reseller' });
    const application = await applyToDistributor(await ownerContext(applicant), {
      distributorAccountName: distributor.partner.name,
    });
    const otherDistributor = await buildPartner(db, { partnerType: 'tier1_distributor' });
    const foreignInvited = await buildPartner(db, { partnerType: 'reseller' });
    const foreign = await inviteReseller(
      await ownerContext(otherDistributor),
      { resellerAccountName: foreignInvited.partner.name },
      t.mailer,
    );
    t.clock.advance(INVITATION_RESEND_INTERVAL_MS);

    const result = await resendResellerInvitations(
      distributorCtx,
      {
        applicationIds: [
          first.invitation.id,
          answered.invitation.id,
          application.id,
          foreign.id,
          second.invitation.id,
        ],
      },
      t.mailer,
    );
    expect(result.resent).toBe(2);
    expect(result.errorDetails.map((detail) => [detail.id, detail.errorCode])).toEqual([
      [answered.invitation.id, 'CBC.0410'],
      [application.id, 'CBC.0410'],
      [foreign.id, 'CBC.0404'],
    ]);
    expect(mailsTo(first.invited.partner.email).at(-1)?.text).toContain(
      'Message from the distributor: first',
    );
    expect(mailsTo(second.invited.partner.email)).toHaveLength(2);
    expect(mailsTo(answered.invited.partner.email)).toHaveLength(1);
    expect(mailsTo(foreignInvited.partner.email)).toHaveLength(1);
    expect(await stored(foreign.id)).toMatchObject({ sentCount: 1 });
  });

  it('refuses an empty, oversized or repeated batch and non-distributors', async () => {
    await expectApiError(
      () => resendResellerInvitations(distributorCtx, { applicationIds: [] }, t.mailer),
      'CBC.0100',
      'application_ids',
    );
    await expectApiError(
      () =>
        resendResellerInvitations(
          distributorCtx,
          { applicationIds: Array.from({ length: 101 }, (_, index) => `id${index}`) },
          t.mailer,
        ),
      'CBC.0100',
      'application_ids',
    );
    await expectApiError(
      () => resendResellerInvitations(distributorCtx, { applicationIds: ['a', 'a'] }, t.mailer),
      'CBC.0100',
      'application_ids',
    );
    const sp = await buildPartner(db, { partnerType: 'solution_provider' });
    const spCtx = await ownerContext(sp);
    await expectApiError(
      () => resendResellerInvitations(spCtx, { applicationIds: ['a'] }, t.mailer),
      'CBC.0151',
    );
  });
});

describe('invitation console routes', () => {
  let token: string;

  function call(url: string, payload: object, auth: string | null = token) {
    return t.app.inject({
      method: 'POST',
      url,
      headers: auth ? { 'x-auth-token': auth } : {},
      payload,
    });
  }

  beforeAll(async () => {
    token = await issueTestToken(
      db,
      { type: 'member', id: distributor.owner.id, partnerId: distributor.partner.id },
      t.clock,
    );
  });

  it('invites with an e-mail and resends through the resend route', async () => {
    const invited = await buildPartner(db, { partnerType: 'reseller' });
    const created = await call('/console/api/resellers/invitations', {
      reseller_account_name: invited.partner.name,
    });
    expect(created.statusCode).toBe(200);
    const { id } = created.json<{ id: string }>();
    expect(created.json()).toMatchObject({
      sent_count: 1,
      last_sent_at: t.clock
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
    });
    expect(mailsTo(invited.partner.email)).toHaveLength(1);

    t.clock.advance(INVITATION_RESEND_INTERVAL_MS);
    const resent = await call('/console/api/resellers/invitations/resend', {
      application_ids: [id, 'missing'],
    });
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toEqual({
      resent: 1,
      error_details: [
        { id: 'missing', error_code: 'CBC.0404', error_msg: expect.any(String) as string },
      ],
    });
    expect(mailsTo(invited.partner.email)).toHaveLength(2);
    const listed = await t.app.inject({
      method: 'GET',
      url: '/console/api/resellers/applications?status=pending',
      headers: { 'x-auth-token': token },
    });
    expect(
      listed.json<{ applications: { id: string; sent_count: number }[] }>().applications,
    ).toContainEqual(expect.objectContaining({ id, sent_count: 2 }));
  });

  it('names application_ids in a bad body, and needs credentials and the distributor class', async () => {
    for (const payload of [{ application_ids: [] }, { application_ids: ['x'], extra: 1 }, {}]) {
      const response = await call('/console/api/resellers/invitations/resend', payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error_code: 'CBC.0100' });
    }
    const anonymous = await call(
      '/console/api/resellers/invitations/resend',
      { application_ids: ['x'] },
      null,
    );
    expect(anonymous.statusCode).toBe(401);
    const reseller = await buildPartner(db, { partnerType: 'reseller' });
    const resellerToken = await issueTestToken(
      db,
      { type: 'member', id: reseller.owner.id, partnerId: reseller.partner.id },
      t.clock,
    );
    const refused = await call(
      '/console/api/resellers/invitations/resend',
      { application_ids: ['x'] },
      resellerToken,
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error_code: 'CBC.0151' });
  });
});
