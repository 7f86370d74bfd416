import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import { ManualClock, MINUTE_MS } from '../../platform/clock/index.ts';
import type { DatabaseHandle, Db } from '../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../platform/http/context.ts';
import { freshDatabase } from '../../../test/helpers/database.ts';
import { expectApiError } from '../../../test/helpers/api-error.ts';
import { buildPartner } from '../../../test/factories/partners.ts';
import { buildMember, memberContext } from '../../../test/factories/org.ts';
import {
  approveCertification,
  createOperatorAccount,
  getCertification,
  listCertifications,
  recordVerificationFailure,
  rejectCertification,
  submitCertification,
  unlockCertification,
  type CertificationInfo,
} from './service/index.ts';

let database: DatabaseHandle;
let db: Db;
const clock = new ManualClock('2026-03-01T08:00:00Z');
let operator: AuthenticatedContext;
let operatorId: string;

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  const created = await createOperatorAccount(db, clock, {
    name: 'the_operator',
    companyName: 'Huoban Cloud',
    email: 'ops@huoban.example',
    password: 'Strong-pass-42',
  });
  operatorId = created.partner.id;
  operator = await memberContext(db, clock, created.owner);
});
afterAll(async () => {
  await database.close();
});

function info(overrides: Partial<CertificationInfo> = {}): CertificationInfo {
  return {
    companyName: '华为技术有限公司',
    unifiedSocialCreditCode: '914403001922038216',
    legalRepresentative: '赵明路',
    registeredAddress: '深圳市龙岗区坂田华为总部办公楼',
    taxRegistrationNumber: '914403001922038216',
    taxpayerType: 'general',
    financeContactName: 'Li Finance',
    financeContactEmail: 'finance@example.com',
    financeContactPhone: '0755-28780808',
    bankName: 'Bank of China',
    bankBranch: 'Shenzhen Bantian Branch',
    bankAccountName: '华为技术有限公司',
    bankAccountNumber: '6216610100001234567',
    settlementCurrency: 'CNY',
    acceptPrivacyStatement: true,
    ...overrides,
  };
}

async function newPartner(): Promise<{ partnerId: string; ctx: AuthenticatedContext }> {
  const { partner, owner } = await buildPartner(db);
  return { partnerId: partner.id, ctx: await memberContext(db, clock, owner) };
}

describe('partner side', () => {
  it('starts uncertified', async () => {
    const { ctx } = await newPartner();
    expect(await getCertification(ctx)).toEqual({
      status: 'uncertified',
      certified: null,
      submitted: null,
      failureReason: '',
      verificationFailures: 0,
      submittedAt: null,
      reviewedAt: null,
    });
  });

  it('submits for review and refuses a second submission while in review', async () => {
    const { partnerId, ctx } = await newPartner();
    const view = await submitCertification(ctx, info());
    expect(view).toMatchObject({
      status: 'in_review',
      submitted: info(),
      certified: null,
      submittedAt: clock.now(),
    });
    await expectApiError(() => submitCertification(ctx, info()), 'CBC.0410');
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.partnerId, partnerId),
          eq(auditEvents.action, 'partners.certification.submit'),
        ),
      );
    expect(event).toMatchObject({
      before: { status: 'uncertified' },
      after: { status: 'in_review' },
    });
  });

  it('checks the credit code, the corporate account (R-BIZ-06) and the privacy statement', async () => {
    const { ctx } = await newPartner();
    await expectApiError(
      () => submitCertification(ctx, info({ unifiedSocialCreditCode: '914403001922038217' })),
      'CBC.0100',
      'unified_social_credit_code',
    );
    await expectApiError(
      () => submitCertification(ctx, info({ bankAccountName: '张三' })),
      'CBC.0100',
      'bank_account_name',
    );
    await expectApiError(
      () => submitCertification(ctx, info({ acceptPrivacyStatement: false })),
      'CBC.0100',
      'accept_privacy_statement',
    );
    await expectApiError(
      () => submitCertification(ctx, info({ financeContactEmail: 'finance' })),
      'CBC.0100',
      'finance_contact_email',
    );
    await expectApiError(
      () => submitCertification(ctx, info({ taxRegistrationNumber: 'abc' })),
      'CBC.0100',
      'tax_registration_number',
    );
    expect((await getCertification(ctx)).status).toBe('uncertified');
  });

  it('needs partner.certification.manage and a partner account', async () => {
    const { partnerId } = await newPartner();
    const { member } = await buildMember(db, {
      partnerId,
      permissions: [Permissions.PARTNER_INFO_EDIT],
    });
    const limited = await memberContext(db, clock, member);
    await expectApiError(() => getCertification(limited), 'CBC.0151');
    await expectApiError(() => submitCertification(limited, info()), 'CBC.0151');
    await expectApiError(() => submitCertification(operator, info()), 'CBC.0151');
  });
});

describe('operator review (SM-18)', () => {
  it('approves: the submission becomes the certified information, in both trails', async () => {
    const { partnerId, ctx } = await newPartner();
    await submitCertification(ctx, info());
    clock.advance(MINUTE_MS);
    const approved = await approveCertification(operator, partnerId);
    expect(approved).toMatchObject({
      partnerId,
      status: 'certified',
      certified: info(),
      submitted: null,
    });
    expect(await getCertification(ctx)).toMatchObject({
      status: 'certified',
      certified: info(),
      reviewedAt: clock.now(),
    });
    for (const trail of [partnerId, operatorId]) {
      const events = await db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.partnerId, trail),
            eq(auditEvents.action, 'partners.certification.approve'),
          ),
        );
      expect(events.filter((event) => event.resourceId === partnerId)).toHaveLength(1);
    }
  });

  it('rejects a first submission to failed, and the partner may resubmit', async () => {
    const { partnerId, ctx } = await newPartner();
    await submitCertification(ctx, info());
    const rejected = await rejectCertification(
      operator,
      partnerId,
      ' Bank details differ from the supplier system ',
    );
    expect(rejected).toMatchObject({
      status: 'failed',
      failureReason: 'Bank details differ from the supplier system',
      submitted: info(),
    });
    expect((await getCertification(ctx)).failureReason).toBe(
      'Bank details differ from the supplier system',
    );
    const again = await submitCertification(ctx, info({ bankBranch: 'Another branch' }));
    expect(again).toMatchObject({ status: 'in_review', failureReason: '' });
    await expectApiError(
      () => rejectCertification(operator, partnerId, '  '),
      'CBC.0100',
      'reason',
    );
  });

  it('reviews a change while the certified information stays in force', async () => {
    const { partnerId, ctx } = await newPartner();
    await submitCertification(ctx, info());
    await approveCertification(operator, partnerId);
    const change = info({ bankAccountNumber: '6216610100007654321', settlementCurrency: 'USD' });
    expect(await submitCertification(ctx, change)).toMatchObject({
      status: 'change_in_review',
      certified: info(),
      submitted: change,
    });
    await expectApiError(() => submitCertification(ctx, change), 'CBC.0410');
    expect(
      await rejectCertification(operator, partnerId, 'Stamped bank letter needed'),
    ).toMatchObject({
      status: 'certified',
      certified: info(),
      failureReason: 'Stamped bank letter needed',
    });
    await submitCertification(ctx, change);
    expect(await approveCertification(operator, partnerId)).toMatchObject({
      status: 'certified',
      certified: change,
      failureReason: '',
    });
  });

  it('locks on the third failed amount verification until unlocked', async () => {
    const { partnerId, ctx } = await newPartner();
    await submitCertification(ctx, info());
    expect(await recordVerificationFailure(operator, partnerId)).toMatchObject({
      status: 'in_review',
      verificationFailures: 1,
    });
    await recordVerificationFailure(operator, partnerId);
    expect(await recordVerificationFailure(operator, partnerId)).toMatchObject({
      status: 'locked',
      verificationFailures: 3,
    });
    await expectApiError(() => submitCertification(ctx, info()), 'CBC.0410');
    await expectApiError(() => approveCertification(operator, partnerId), 'CBC.0410');
    await expectApiError(() => recordVerificationFailure(operator, partnerId), 'CBC.0410');
    expect(await unlockCertification(operator, partnerId)).toMatchObject({
      status: 'in_review',
      verificationFailures: 0,
    });
    expect((await approveCertification(operator, partnerId)).status).toBe('certified');
  });

  it('refuses transitions SM-18 does not have', async () => {
    const { partnerId, ctx } = await newPartner();
    await expectApiError(() => approveCertification(operator, partnerId), 'CBC.0410');
    await expectApiError(() => rejectCertification(operator, partnerId, 'x'), 'CBC.0410');
    await submitCertification(ctx, info());
    await expectApiError(() => unlockCertification(operator, partnerId), 'CBC.0410');
    await approveCertification(operator, partnerId);
    await expectApiError(() => approveCertification(operator, partnerId), 'CBC.0410');
    await expectApiError(() => recordVerificationFailure(operator, partnerId), 'CBC.0410');
  });

  it('answers 404 for an unknown partner or the operator itself', async () => {
    await expectApiError(() => approveCertification(operator, 'nope'), 'CBC.0404', 'partner_id');
    await expectApiError(
      () => approveCertification(operator, operatorId),
      'CBC.0404',
      'partner_id',
    );
  });

  it('is the operator’s business only', async () => {
    const { partnerId, ctx } = await newPartner();
    await submitCertification(ctx, info());
    await expectApiError(() => approveCertification(ctx, partnerId), 'CBC.0151');
    await expectApiError(() => listCertifications(ctx, {}, { offset: 0, limit: 10 }), 'CBC.0151');
    const { member } = await buildMember(db, {
      partnerId: operatorId,
      permissions: [Permissions.OPERATOR_PARTNER_MANAGE],
    });
    const limited = await memberContext(db, clock, member);
    await expectApiError(() => rejectCertification(limited, partnerId, 'no'), 'CBC.0151');
    expect((await getCertification(ctx)).status).toBe('in_review');
  });

  it('lists the queue by status and keyword, newest submission first', async () => {
    const queued = [];
    for (const name of ['queue_alpha', 'queue_beta', 'queue_gamma']) {
      clock.advance(MINUTE_MS);
      const { partner, owner } = await buildPartner(db, { name, companyName: `${name} Co.` });
      await submitCertification(await memberContext(db, clock, owner), info());
      queued.push(partner.id);
    }
    await approveCertification(operator, queued[0] ?? '');
    const inReview = await listCertifications(
      operator,
      { status: 'in_review', keyword: 'queue_' },
      { offset: 0, limit: 10 },
    );
    expect(inReview.totalCount).toBe(2);
    expect(inReview.items.map((item) => item.partnerName)).toEqual(['queue_gamma', 'queue_beta']);
    expect(inReview.items[0]).toMatchObject({
      companyName: 'queue_gamma Co.',
      submitted: info(),
      status: 'in_review',
    });
    const byCompany = await listCertifications(
      operator,
      { keyword: 'ALPHA co' },
      { offset: 0, limit: 10 },
    );
    expect(byCompany.items.map((item) => item.status)).toEqual(['certified']);
  });
});
