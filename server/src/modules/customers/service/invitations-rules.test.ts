import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../platform/clock/index.ts';
import {
  associationBlocker,
  invitationBlocker,
  invitationStatusAt,
  isReserving,
  linkTag,
  needsManualReview,
  preregistrationStatusAt,
  type AssociationFacts,
} from './invitations-rules.ts';

const now = new Date('2026-06-01T00:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * DAY_MS);

describe('pre-registration status (SM-1)', () => {
  it('reads a reservation past its 15 days as expired, and only then frees the name', () => {
    const row = { status: 'registered' as const, expiresAt: at(0) };
    expect(preregistrationStatusAt(row, at(-0.001))).toBe('registered');
    expect(isReserving(row, at(-0.001))).toBe(true);
    expect(preregistrationStatusAt(row, now)).toBe('expired');
    expect(isReserving(row, now)).toBe(false);
  });

  it('keeps a row under review reserving and a rejected one not', () => {
    expect(isReserving({ status: 'in_review', expiresAt: null }, now)).toBe(true);
    expect(isReserving({ status: 'rejected', expiresAt: null }, now)).toBe(false);
    expect(isReserving({ status: 'associated', expiresAt: at(3) }, now)).toBe(false);
  });

  it('asks for review only for accounts registered more than 7 days ago (R-CUS-06)', () => {
    expect(needsManualReview(null, now)).toBe(false);
    expect(needsManualReview(at(-7), now)).toBe(false);
    expect(needsManualReview(at(-7.01), now)).toBe(true);
  });
});

describe('invitation status (SM-2)', () => {
  const email = { channel: 'email' as const, status: 'invited' as const, expiresAt: at(7) };

  it('expires e-mail links after their validity, never offline links', () => {
    expect(invitationStatusAt(email, at(6))).toBe('invited');
    expect(invitationStatusAt(email, at(7))).toBe('expired');
    expect(invitationStatusAt({ ...email, status: 'failed' }, at(8))).toBe('expired');
    expect(invitationStatusAt({ ...email, status: 'associated' }, at(8))).toBe('associated');
    expect(
      invitationStatusAt({ channel: 'link', status: 'invited', expiresAt: null }, at(400)),
    ).toBe('invited');
  });

  it('maps the unusable states to R-CUS-19 causes', () => {
    expect(invitationBlocker('expired')).toBe('link_expired');
    expect(invitationBlocker('associated')).toBe('link_used');
    expect(invitationBlocker('revoked')).toBe('link_revoked');
    expect(invitationBlocker('invited')).toBeNull();
    expect(invitationBlocker('failed')).toBeNull();
  });
});

describe('association checks (R-CUS-13/14)', () => {
  const fresh: AssociationFacts = {
    associationType: '2',
    account: {
      status: null,
      createdAt: null,
      enterpriseMasterId: null,
      enterpriseSubMode: null,
      hasIndependentSubs: false,
    },
    isPartnerActive: true,
    isPreregisteredByOtherPartner: false,
    isPreregisteredByInvitingPartner: false,
    now,
  };
  const existing = (overrides: Partial<AssociationFacts['account']>): AssociationFacts => ({
    ...fresh,
    account: { ...fresh.account, status: 'disassociated', createdAt: at(-1), ...overrides },
  });

  it('lets a new or recently registered free account associate', () => {
    expect(associationBlocker(fresh)).toBeNull();
    expect(associationBlocker(existing({}))).toBeNull();
  });

  it('names the first rule that forbids the association', () => {
    expect(associationBlocker({ ...fresh, isPartnerActive: false })).toBe('partner_restricted');
    expect(associationBlocker(existing({ status: 'active' }))).toBe('already_associated');
    expect(associationBlocker({ ...fresh, isPreregisteredByOtherPartner: true })).toBe(
      'preregistered_by_other_partner',
    );
    expect(
      associationBlocker(existing({ enterpriseMasterId: 'm', enterpriseSubMode: 'hosted' })),
    ).toBe('financial_hosting_sub');
    expect(
      associationBlocker(existing({ enterpriseMasterId: 'm', enterpriseSubMode: 'independent' })),
    ).toBe('enterprise_sub_reseller');
    expect(associationBlocker(existing({ hasIndependentSubs: true }))).toBe(
      'enterprise_master_independent_subs',
    );
    expect(associationBlocker(existing({ createdAt: at(-8) }))).toBe('registered_over_7_days');
  });

  it('allows referral for independent subs and masters, never for hosted subs', () => {
    const referral = (overrides: Partial<AssociationFacts['account']>) => ({
      ...existing(overrides),
      associationType: '1' as const,
    });
    expect(
      associationBlocker(referral({ enterpriseMasterId: 'm', enterpriseSubMode: 'independent' })),
    ).toBeNull();
    expect(associationBlocker(referral({ hasIndependentSubs: true }))).toBeNull();
    expect(
      associationBlocker(referral({ enterpriseMasterId: 'm', enterpriseSubMode: 'hosted' })),
    ).toBe('financial_hosting_sub');
  });

  it('lets an old account associate when the inviting partner pre-registered it', () => {
    expect(
      associationBlocker({
        ...existing({ createdAt: at(-30) }),
        isPreregisteredByInvitingPartner: true,
      }),
    ).toBeNull();
  });
});

describe('offline link tags (R-CUS-10)', () => {
  it('tags links of administrators and supervisors, not of account managers', () => {
    expect(linkTag('all', 'acme-admin')).toBe('acme-admin');
    expect(linkTag('team', 'lead')).toBe('lead');
    expect(linkTag('mine', 'am01')).toBe('');
  });
});
