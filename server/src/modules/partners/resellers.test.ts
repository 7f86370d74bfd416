import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import type { Db } from '../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../platform/http/context.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { expectApiError } from '../../../test/helpers/api-error.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { buildPartner, type BuiltPartner } from '../../../test/factories/partners.ts';
import { buildMember, memberContext } from '../../../test/factories/org.ts';
import { findPartnerById } from './index.ts';
import {
  applicationStatusAfter,
  applyToDistributor,
  cancelInvitation,
  createOperatorAccount,
  createPartner,
  decideApplications,
  inviteReseller,
  listDistributorApplications,
  listIndirectPartners,
  listResellerApplications,
  respondAsReseller,
} from './service/index.ts';

const PAGE = { offset: 0, limit: 50 };

let t: TestApp;
let db: Db;

async function ownerContext(built: BuiltPartner): Promise<AuthenticatedContext> {
  return memberContext(db, t.clock, built.owner);
}

async function reseller(parentPartnerId: string | null = null): Promise<BuiltPartner> {
  return buildPartner(db, { partnerType: 'reseller', parentPartnerId });
}

async function trail(partnerId: string, resourceId: string): Promise<string[]> {
  const rows = await db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.partnerId, partnerId), eq(auditEvents.resourceId, resourceId)));
  return rows.map((row) => row.action).sort();
}

beforeAll(async () => {
  t = await buildTestApp('2026-03-01T08:00:00Z');
  db = t.database.db;
});

afterAll(async () => {
  await t.close();
});

describe('the cooperation state machine', () => {
  it.each([
    ['application', 'distributor', 'approve', 'approved'],
    ['application', 'distributor', 'reject', 'rejected'],
    ['application', 'reseller', 'cancel', 'cancelled'],
    ['application', 'reseller', 'approve', null],
    ['application', 'distributor', 'cancel', null],
    ['invitation', 'reseller', 'approve', 'approved'],
    ['invitation', 'reseller', 'reject', 'rejected'],
    ['invitation', 'distributor', 'cancel', 'cancelled'],
    ['invitation', 'distributor', 'approve', null],
    ['invitation', 'reseller', 'cancel', null],
  ] as const)('a pending %s: the %s may %s → %s', (direction, side, event, expected) => {
    expect(applicationStatusAfter({ status: 'pending', direction }, side, event)).toBe(expected);
  });

  it.each(['approved', 'rejected', 'cancelled'] as const)('%s requests never move', (status) => {
    for (const direction of ['application', 'invitation'] as const)
      for (const side of ['distributor', 'reseller'] as const)
        for (const event of ['approve', 'reject', 'cancel'] as const)
          expect(applicationStatusAfter({ status, direction }, side, event)).toBeNull();
  });
});

describe('reseller applications (service)', () => {
  let distributor: BuiltPartner;
  let distributorCtx: AuthenticatedContext;

  beforeAll(async () => {
    distributor = await buildPartner(db, { partnerType: 'tier1_distributor' });
    distributorCtx = await ownerContext(distributor);
  });

  it('binds a reseller when the distributor approves its application, audited in both trails', async () => {
    const applicant = await reseller();
    const applicantCtx = await ownerContext(applicant);
    const application = await applyToDistributor(applicantCtx, {
      distributorAccountName: distributor.partner.name,
      message: '  we sell in Hangzhou  ',
    });
    expect(application).toMatchObject({
      direction: 'application',
      status: 'pending',
      message: 'we sell in Hangzhou',
      counterpart: { id: distributor.partner.id, name: distributor.partner.name },
    });
    const pending = await listDistributorApplications(distributorCtx, { status: 'pending' }, PAGE);
    expect(pending.items.map((item) => item.id)).toContain(application.id);

    t.clock.advance(60_000);
    const result = await decideApplications(distributorCtx, {
      applicationIds: [application.id],
      decision: 'approve',
    });
    expect(result).toEqual({ approved: 1, rejected: 0, errorDetails: [] });
    const bound = await findPartnerById(db, applicant.partner.id);
    expect(bound?.parentPartnerId).toBe(distributor.partner.id);
    expect(bound?.parentAssociatedAt).toEqual(t.clock.now());
    const listed = await listIndirectPartners(distributorCtx, {}, PAGE);
    expect(listed.items.map((item) => item.id)).toContain(applicant.partner.id);
    const expected = [
      'partners.reseller_application.application',
      'partners.reseller_application.approve',
    ];
    expect(await trail(distributor.partner.id, application.id)).toEqual(expected);
    expect(await trail(applicant.partner.id, application.id)).toEqual(expected);
    const [mine] = (await listResellerApplications(applicantCtx, {}, PAGE)).items;
    expect(mine).toMatchObject({ id: application.id, status: 'approved' });
    expect(mine?.decidedBy).toBe(`${distributor.partner.name}/${distributor.owner.userName}`);

    // Illegal transitions of a decided request are refused.
    const again = await decideApplications(distributorCtx, {
      applicationIds: [application.id],
      decision: 'reject',
    });
    expect(again.errorDetails).toEqual([
      { id: application.id, errorCode: 'CBC.0410', errorMessage: expect.any(String) as unknown },
    ]);
    await expectApiError(
      () => respondAsReseller(applicantCtx, application.id, 'cancel'),
      'CBC.0410',
    );
    // A bound reseller cannot apply elsewhere.
    const other = await buildPartner(db, { partnerType: 'tier1_distributor' });
    await expectApiError(
      () => applyToDistributor(applicantCtx, { distributorAccountName: other.partner.name }),
      'CBC.0410',
    );
  });

  it('refuses a second pending request between the same two accounts, and unknown distributors', async () => {
    const applicant = await reseller();
    const ctx = await ownerContext(applicant);
    await applyToDistributor(ctx, { distributorAccountName: distributor.partner.name });
    await expectApiError(
      () => applyToDistributor(ctx, { distributorAccountName: distributor.partner.name }),
      'CBC.0409',
    );
    await expectApiError(
      () =>
        inviteReseller(distributorCtx, { resellerAccountName: applicant.partner.name }, t.mailer),
      'CBC.0409',
    );
    const sp = await buildPartner(db, { partnerType: 'solution_provider' });
    for (const name of [sp.partner.name, 'nobody_here']) {
      await expectApiError(
        () => applyToDistributor(ctx, { distributorAccountName: name }),
        'CBC.0100',
        'distributor_account_name',
      );
    }
  });

  it('lets the reseller withdraw its application but not approve it; the distributor may not cancel it', async () => {
    const applicant = await reseller();
    const ctx = await ownerContext(applicant);
    const application = await applyToDistributor(ctx, {
      distributorAccountName: distributor.partner.name,
    });
    await expectApiError(() => respondAsReseller(ctx, application.id, 'approve'), 'CBC.0410');
    await expectApiError(() => cancelInvitation(distributorCtx, application.id), 'CBC.0410');
    const cancelled = await respondAsReseller(ctx, application.id, 'cancel');
    expect(cancelled.status).toBe('cancelled');
    const late = await decideApplications(distributorCtx, {
      applicationIds: [application.id],
      decision: 'approve',
    });
    expect(late.errorDetails[0]?.errorCode).toBe('CBC.0410');
    expect((await findPartnerById(db, applicant.partner.id))?.parentPartnerId).toBeNull();
  });

  it('binds an invited reseller on acceptance and closes its other pending requests', async () => {
    const invited = await reseller();
    const invitedCtx = await ownerContext(invited);
    const elsewhere = await buildPartner(db, { partnerType: 'tier1_distributor' });
    const pendingElsewhere = await applyToDistributor(invitedCtx, {
      distributorAccountName: elsewhere.partner.name,
    });
    const invitation = await inviteReseller(
      distributorCtx,
      {
        resellerAccountName: invited.partner.name,
        message: 'join us',
      },
      t.mailer,
    );
    expect(invitation).toMatchObject({ direction: 'invitation', status: 'pending' });
    // The distributor cannot approve its own invitation.
    const self = await decideApplications(distributorCtx, {
      applicationIds: [invitation.id],
      decision: 'approve',
    });
    expect(self.errorDetails[0]?.errorCode).toBe('CBC.0410');

    const accepted = await respondAsReseller(invitedCtx, invitation.id, 'approve');
    expect(accepted).toMatchObject({
      status: 'approved',
      counterpart: { id: distributor.partner.id },
    });
    expect((await findPartnerById(db, invited.partner.id))?.parentPartnerId).toBe(
      distributor.partner.id,
    );
    const mine = await listResellerApplications(invitedCtx, {}, PAGE);
    expect(mine.items.find((item) => item.id === pendingElsewhere.id)?.status).toBe('cancelled');
    expect(await trail(elsewhere.partner.id, pendingElsewhere.id)).toEqual([
      'partners.reseller_application.application',
      'partners.reseller_application.cancel',
    ]);
    expect(await trail(invited.partner.id, invitation.id)).toEqual([
      'partners.reseller_application.approve',
      'partners.reseller_application.invitation',
    ]);
  });

  it('lets the distributor withdraw an invitation; a declined invitation stays declined', async () => {
    const invited = await reseller();
    const invitedCtx = await ownerContext(invited);
    const first = await inviteReseller(
      distributorCtx,
      {
        resellerAccountName: invited.partner.name,
      },
      t.mailer,
    );
    expect((await cancelInvitation(distributorCtx, first.id)).status).toBe('cancelled');
    await expectApiError(() => respondAsReseller(invitedCtx, first.id, 'approve'), 'CBC.0410');
    const second = await inviteReseller(
      distributorCtx,
      {
        resellerAccountName: invited.partner.name,
      },
      t.mailer,
    );
    expect((await respondAsReseller(invitedCtx, second.id, 'reject')).status).toBe('rejected');
    await expectApiError(() => cancelInvitation(distributorCtx, second.id), 'CBC.0410');
  });

  it('refuses to invite a non-reseller or a bound reseller', async () => {
    const sp = await buildPartner(db, { partnerType: 'solution_provider' });
    await expectApiError(
      () => inviteReseller(distributorCtx, { resellerAccountName: sp.partner.name }, t.mailer),
      'CBC.0100',
      'reseller_account_name',
    );
    const other = await buildPartner(db, { partnerType: 'tier1_distributor' });
    const taken = await reseller(other.partner.id);
    await expectApiError(
      () => inviteReseller(distributorCtx, { resellerAccountName: taken.partner.name }, t.mailer),
      'CBC.0410',
    );
  });

  it('decides a batch: each id on its own, strangers reported as not found', async () => {
    const a = await reseller();
    const b = await reseller();
    const appA = await applyToDistributor(await ownerContext(a), {
      distributorAccountName: distributor.partner.name,
    });
    const appB = await applyToDistributor(await ownerContext(b), {
      distributorAccountName: distributor.partner.name,
    });
    const other = await buildPartner(db, { partnerType: 'tier1_distributor' });
    const stranger = await applyToDistributor(await ownerContext(await reseller()), {
      distributorAccountName: other.partner.name,
    });
    const result = await decideApplications(distributorCtx, {
      applicationIds: [appA.id, stranger.id, appB.id, 'no-such-id'],
      decision: 'reject',
      reason: 'not in our region',
    });
    expect(result.rejected).toBe(2);
    expect(result.errorDetails.map((detail) => [detail.id, detail.errorCode])).toEqual([
      [stranger.id, 'CBC.0404'],
      ['no-such-id', 'CBC.0404'],
    ]);
    const [rejected] = (await listResellerApplications(await ownerContext(a), {}, PAGE)).items;
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: 'not in our region' });
    // The stranger's request is untouched and still the other distributor's to decide.
    const theirs = await listDistributorApplications(await ownerContext(other), {}, PAGE);
    expect(theirs.items).toMatchObject([{ id: stranger.id, status: 'pending' }]);
    await expectApiError(
      () =>
        decideApplications(distributorCtx, {
          applicationIds: [appA.id, appA.id],
          decision: 'approve',
        }),
      'CBC.0100',
      'application_ids',
    );
  });

  it('keeps every party to its own rows', async () => {
    const sibling = await reseller(distributor.partner.id);
    const siblingCtx = await ownerContext(sibling);
    const applicant = await reseller();
    const application = await applyToDistributor(await ownerContext(applicant), {
      distributorAccountName: distributor.partner.name,
    });
    // A sibling reseller sees none of its distributor's requests and cannot act on them.
    const siblings = await listResellerApplications(siblingCtx, {}, PAGE);
    expect(siblings.items).toEqual([]);
    await expectApiError(() => respondAsReseller(siblingCtx, application.id, 'cancel'), 'CBC.0404');
    await expectApiError(() => listDistributorApplications(siblingCtx, {}, PAGE), 'CBC.0151');
    await expectApiError(() => listIndirectPartners(siblingCtx, {}, PAGE), 'CBC.0151');
    await expectApiError(
      () =>
        decideApplications(siblingCtx, { applicationIds: [application.id], decision: 'approve' }),
      'CBC.0151',
    );
    // Another distributor sees nothing of this one's.
    const other = await buildPartner(db, { partnerType: 'tier1_distributor' });
    const otherCtx = await ownerContext(other);
    expect((await listDistributorApplications(otherCtx, {}, PAGE)).items).toEqual([]);
    expect((await listIndirectPartners(otherCtx, {}, PAGE)).items).toEqual([]);
    await expectApiError(() => cancelInvitation(otherCtx, application.id), 'CBC.0404');
    // A distributor member without reseller.manage is refused.
    const { member } = await buildMember(db, {
      partnerId: distributor.partner.id,
      permissions: ['customer.view'],
    });
    const limited = await memberContext(db, t.clock, member);
    await expectApiError(() => listDistributorApplications(limited, {}, PAGE), 'CBC.0151');
    // A solution provider cannot apply.
    const spCtx = await ownerContext(await buildPartner(db, { partnerType: 'solution_provider' }));
    await expectApiError(
      () => applyToDistributor(spCtx, { distributorAccountName: distributor.partner.name }),
      'CBC.0151',
    );
  });

  it('records the binding time when the operator creates a reseller', async () => {
    const operator = await createOperatorAccount(db, t.clock, {
      name: 'the_operator',
      companyName: 'Huoban Cloud',
      email: 'ops@huoban.example',
      password: 'Strong-pass-42',
    });
    const created = await createPartner(await memberContext(db, t.clock, operator.owner), {
      name: 'new_reseller',
      companyName: 'New Reseller Ltd.',
      partnerType: 'reseller',
      email: 'r@example.com',
      parentPartnerId: distributor.partner.id,
      password: 'Strong-pass-42',
    });
    expect(created.partner.parentAssociatedAt).toEqual(t.clock.now());
    const listed = await listIndirectPartners(
      distributorCtx,
      { accountName: 'new_reseller' },
      PAGE,
    );
    expect(listed.items).toMatchObject([{ id: created.partner.id, associatedAt: t.clock.now() }]);
  });
});

describe('reseller console routes', () => {
  let distributor: BuiltPartner;
  let distributorToken: string;
  let applicant: BuiltPartner;
  let applicantToken: string;

  async function tokenOf(built: BuiltPartner): Promise<string> {
    return issueTestToken(
      db,
      { type: 'member', id: built.owner.id, partnerId: built.partner.id },
      t.clock,
    );
  }

  function call(method: 'GET' | 'POST', url: string, token: string, payload?: object) {
    return t.app.inject({
      method,
      url,
      headers: { 'x-auth-token': token },
      ...(payload ? { payload } : {}),
    });
  }

  beforeAll(async () => {
    distributor = await buildPartner(db, {
      partnerType: 'tier1_distributor',
      name: 'console_distributor',
    });
    distributorToken = await tokenOf(distributor);
    applicant = await reseller();
    applicantToken = await tokenOf(applicant);
  });

  it('runs an application from the reseller to the distributor and back', async () => {
    const applied = await call('POST', '/console/api/reseller/applications', applicantToken, {
      distributor_account_name: 'console_distributor',
      message: 'hello',
    });
    expect(applied.statusCode).toBe(200);
    const application = applied.json<{ id: string }>();
    expect(applied.json()).toMatchObject({
      status: 'pending',
      direction: 'application',
      decided_at: null,
      distributor: { id: distributor.partner.id, name: 'console_distributor' },
    });

    const list = await call(
      'GET',
      '/console/api/resellers/applications?status=pending',
      distributorToken,
    );
    expect(list.json()).toMatchObject({
      total_count: 1,
      applications: [{ id: application.id, reseller: { id: applicant.partner.id } }],
    });

    const decided = await call(
      'POST',
      '/console/api/resellers/applications/decide',
      distributorToken,
      {
        application_ids: [application.id, 'missing'],
        decision: 'approve',
      },
    );
    expect(decided.json()).toMatchObject({
      approved: 1,
      rejected: 0,
      error_details: [{ id: 'missing', error_code: 'CBC.0404' }],
    });

    const resellers = await call(
      'GET',
      '/console/api/resellers?keyword=' + applicant.partner.name,
      distributorToken,
    );
    expect(resellers.json()).toMatchObject({
      total_count: 1,
      resellers: [
        {
          id: applicant.partner.id,
          name: applicant.partner.name,
          company_name: applicant.partner.companyName,
          associated_on: t.clock
            .now()
            .toISOString()
            .replace(/\.\d{3}Z$/, 'Z'),
        },
      ],
    });

    const mine = await call('GET', '/console/api/reseller/applications', applicantToken);
    expect(mine.json()).toMatchObject({ total_count: 1, applications: [{ status: 'approved' }] });
  });

  it('invites, and the reseller accepts or declines through its routes', async () => {
    const invited = await reseller();
    const invitedToken = await tokenOf(invited);
    const invitation = await call('POST', '/console/api/resellers/invitations', distributorToken, {
      reseller_account_name: invited.partner.name,
    });
    expect(invitation.statusCode).toBe(200);
    const { id } = invitation.json<{ id: string }>();
    const accepted = await call(
      'POST',
      `/console/api/reseller/applications/${id}/accept`,
      invitedToken,
    );
    expect(accepted.json()).toMatchObject({ status: 'approved' });
    const again = await call(
      'POST',
      `/console/api/reseller/applications/${id}/decline`,
      invitedToken,
    );
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error_code: 'CBC.0410' });
  });

  it('answers 403 to a reseller on the distributor routes and to a distributor on the reseller routes', async () => {
    for (const url of ['/console/api/resellers', '/console/api/resellers/applications']) {
      const response = await call('GET', url, applicantToken);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error_code: 'CBC.0151' });
    }
    const response = await call('GET', '/console/api/reseller/applications', distributorToken);
    expect(response.statusCode).toBe(403);
  });

  it('validates the decide body', async () => {
    for (const payload of [
      { application_ids: [], decision: 'approve' },
      { application_ids: ['x'], decision: 'maybe' },
      { application_ids: ['x'], decision: 'approve', extra: 1 },
    ]) {
      const response = await call(
        'POST',
        '/console/api/resellers/applications/decide',
        distributorToken,
        payload,
      );
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error_code: 'CBC.0100' });
    }
  });
});
