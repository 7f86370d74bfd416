import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import { ManualClock } from '../../platform/clock/index.ts';
import type { DatabaseHandle, Db } from '../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../platform/http/context.ts';
import { listRoles } from '../org/index.ts';
import { freshDatabase } from '../../../test/helpers/database.ts';
import { expectApiError } from '../../../test/helpers/api-error.ts';
import { buildPartner } from '../../../test/factories/partners.ts';
import { buildMember, memberContext } from '../../../test/factories/org.ts';
import { accountDirectory } from './index.ts';
import {
  createOperatorAccount,
  createPartner,
  createProgram,
  getPartnerProfile,
  listOpenPrograms,
  listPartners,
  listPrograms,
  updatePartnerProfile,
  type CreatePartnerInput,
  type ProgramView,
} from './service/index.ts';

const PASSWORD = 'Strong-pass-42';

let database: DatabaseHandle;
let db: Db;
const clock = new ManualClock('2026-03-01T08:00:00Z');
let operator: AuthenticatedContext;
let operatorId: string;
let csp: ProgramView;
let distribution: ProgramView;
let resale: ProgramView;

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  const created = await createOperatorAccount(db, clock, {
    name: 'the_operator',
    companyName: 'Huoban Cloud',
    email: 'ops@huoban.example',
    password: PASSWORD,
  });
  operatorId = created.partner.id;
  operator = await memberContext(db, clock, created.owner);
  csp = await createProgram(operator, {
    code: 'csp',
    name: 'Cloud Solution Provider',
    partnerType: 'solution_provider',
    isOpenForSignUp: true,
  });
  distribution = await createProgram(operator, {
    code: 'distribution',
    name: 'Distribution',
    partnerType: 'tier1_distributor',
    isOpenForSignUp: false,
  });
  resale = await createProgram(operator, {
    code: 'reseller',
    name: 'Reseller',
    partnerType: 'reseller',
    isOpenForSignUp: true,
  });
});
afterAll(async () => {
  await database.close();
});

function partnerInput(overrides: Partial<CreatePartnerInput> = {}): CreatePartnerInput {
  const suffix = Math.random().toString(36).slice(2, 8);
  return {
    name: `p_${suffix}`,
    companyName: `Partner ${suffix} Ltd.`,
    partnerType: 'solution_provider',
    email: `owner@${suffix}.example`,
    password: PASSWORD,
    ...overrides,
  };
}

async function trailOf(partnerId: string, action: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.partnerId, partnerId), eq(auditEvents.action, action)));
}

describe('createOperatorAccount', () => {
  it('bootstraps one operator whose owner holds the back-office rights', async () => {
    expect(operator.principal.accountType).toBe('operator');
    expect(operator.principal.permissions.has(Permissions.OPERATOR_PARTNER_MANAGE)).toBe(true);
    const [event] = await trailOf(operatorId, 'partners.partner.create');
    expect(event).toMatchObject({
      actorType: 'system',
      eventSource: 'cli',
      resourceName: 'the_operator',
    });
  });

  it('refuses a second operator account', async () => {
    await expectApiError(
      () =>
        createOperatorAccount(db, clock, {
          name: 'second_operator',
          companyName: 'Other',
          email: 'x@y.example',
          password: PASSWORD,
        }),
      'CBC.0409',
    );
  });

  it('checks the name, e-mail and password before writing', async () => {
    const input = { name: 'op', companyName: 'X', email: 'x@y.example', password: PASSWORD };
    await expectApiError(() => createOperatorAccount(db, clock, input), 'CBC.0100', 'name');
    await expectApiError(
      () => createOperatorAccount(db, clock, { ...input, name: 'ops_two', email: 'nope' }),
      'CBC.0100',
      'email',
    );
    await expectApiError(
      () => createOperatorAccount(db, clock, { ...input, name: 'ops_two', password: 'short' }),
      'CBC.0100',
      'password',
    );
  });
});

describe('programmes', () => {
  it('lists every programme to the operator and only open ones publicly', async () => {
    expect((await listPrograms(operator)).map((program) => program.code)).toEqual([
      'csp',
      'distribution',
      'reseller',
    ]);
    const open = await listOpenPrograms(operator);
    expect(open.map((program) => program.code)).toEqual(['csp', 'reseller']);
    expect(open[0]).toMatchObject({
      name: 'Cloud Solution Provider',
      partnerType: 'solution_provider',
      isOpenForSignUp: true,
    });
  });

  it('keeps tier-1 distribution invitation-only (R-REG-08)', async () => {
    await expectApiError(
      () =>
        createProgram(operator, {
          code: 'open_distribution',
          name: 'Open distribution',
          partnerType: 'tier1_distributor',
          isOpenForSignUp: true,
        }),
      'CBC.0410',
      'is_open_for_sign_up',
    );
  });

  it('rejects a duplicate or malformed code', async () => {
    const input = {
      code: 'csp',
      name: 'Again',
      partnerType: 'solution_provider',
      isOpenForSignUp: true,
    } as const;
    await expectApiError(() => createProgram(operator, input), 'CBC.0409', 'code');
    await expectApiError(
      () => createProgram(operator, { ...input, code: 'Bad Code' }),
      'CBC.0100',
      'code',
    );
  });

  it('is the operator’s business only', async () => {
    const { owner } = await buildPartner(db);
    const partnerCtx = await memberContext(db, clock, owner);
    await expectApiError(() => listPrograms(partnerCtx), 'CBC.0151');
    await expectApiError(
      () =>
        createProgram(partnerCtx, {
          code: 'mine',
          name: 'Mine',
          partnerType: 'reseller',
          isOpenForSignUp: true,
        }),
      'CBC.0151',
    );
  });
});

describe('createPartner', () => {
  it('creates an active account with its owner, preset roles and a unique xaccount_type', async () => {
    const created = await createPartner(
      operator,
      partnerInput({
        name: 'Acme-Cloud',
        companyName: ' Acme Cloud Ltd. ',
        programId: csp.id,
        phone: '13800000000',
      }),
    );
    expect(created.partner).toMatchObject({
      name: 'Acme-Cloud',
      companyName: 'Acme Cloud Ltd.',
      partnerType: 'solution_provider',
      status: 'active',
      xaccountType: 'HUOBAN_ACME_CLOUD',
      programId: csp.id,
      phone: '13800000000',
    });
    expect(created.program).toEqual({ code: 'csp', name: 'Cloud Solution Provider' });
    expect(created.owner).toMatchObject({ userName: 'Acme-Cloud', isOwner: true });
    const credential = await accountDirectory.findLoginCredential(db, 'Acme-Cloud', undefined);
    expect(credential && (await verifyPassword(credential.passwordHash, PASSWORD))).toBe(true);
    const presets = await listRoles(await memberContext(db, clock, created.owner));
    expect(presets.filter((role) => role.isPreset)).toHaveLength(5);
    expect(await trailOf(created.partner.id, 'partners.partner.create')).toHaveLength(1);
    const [operatorEvent] = await trailOf(operatorId, 'partners.partner.create').then((events) =>
      events.filter((event) => event.resourceId === created.partner.id),
    );
    expect(operatorEvent).toMatchObject({
      actorId: operator.principal.id,
      resourceName: 'Acme-Cloud',
    });

    const twin = await createPartner(operator, partnerInput({ name: 'acme_cloud_' }));
    expect(twin.partner.xaccountType).toBe('HUOBAN_ACME_CLOUD_');
    const clash = await createPartner(operator, partnerInput({ name: 'ACME_CLOUD' }));
    expect(clash.partner.xaccountType).toBe('HUOBAN_ACME_CLOUD_2');
  });

  it('treats account names as unique regardless of case', async () => {
    await createPartner(operator, partnerInput({ name: 'UniqueCo' }));
    await expectApiError(
      () => createPartner(operator, partnerInput({ name: 'uniqueco' })),
      'CBC.0409',
      'name',
    );
  });

  it('puts a reseller under a tier-1 distributor and nobody else under anyone', async () => {
    const distributor = await createPartner(
      operator,
      partnerInput({ partnerType: 'tier1_distributor', programId: distribution.id }),
    );
    const reseller = await createPartner(
      operator,
      partnerInput({
        partnerType: 'reseller',
        programId: resale.id,
        parentPartnerId: distributor.partner.id,
      }),
    );
    expect(reseller.parent).toEqual({ id: distributor.partner.id, name: distributor.partner.name });
    expect(reseller.partner.parentPartnerId).toBe(distributor.partner.id);

    await expectApiError(
      () => createPartner(operator, partnerInput({ partnerType: 'reseller' })),
      'CBC.0100',
      'parent_partner_id',
    );
    await expectApiError(
      () =>
        createPartner(
          operator,
          partnerInput({ partnerType: 'reseller', parentPartnerId: reseller.partner.id }),
        ),
      'CBC.0100',
      'parent_partner_id',
    );
    await expectApiError(
      () => createPartner(operator, partnerInput({ parentPartnerId: distributor.partner.id })),
      'CBC.0100',
      'parent_partner_id',
    );
  });

  it('names the field of bad input', async () => {
    await expectApiError(
      () => createPartner(operator, partnerInput({ name: 'a b' })),
      'CBC.0100',
      'name',
    );
    await expectApiError(
      () => createPartner(operator, partnerInput({ companyName: '  ' })),
      'CBC.0100',
      'company_name',
    );
    await expectApiError(
      () => createPartner(operator, partnerInput({ email: 'a@b' })),
      'CBC.0100',
      'email',
    );
    await expectApiError(
      () => createPartner(operator, partnerInput({ phone: 'call me' })),
      'CBC.0100',
      'phone',
    );
    await expectApiError(
      () => createPartner(operator, partnerInput({ password: 'abcdefgh' })),
      'CBC.0100',
      'password',
    );
    await expectApiError(
      () => createPartner(operator, partnerInput({ programId: distribution.id })),
      'CBC.0100',
      'program_id',
    );
    await expectApiError(
      () => createPartner(operator, partnerInput({ programId: 'nope' })),
      'CBC.0100',
      'program_id',
    );
  });

  it('is refused to partners and to operator members without the right', async () => {
    const { owner } = await buildPartner(db);
    await expectApiError(
      async () => createPartner(await memberContext(db, clock, owner), partnerInput()),
      'CBC.0151',
    );
    const { member } = await buildMember(db, {
      partnerId: operatorId,
      permissions: [Permissions.PARTNER_INFO_VIEW],
    });
    const limited = await memberContext(db, clock, member);
    await expectApiError(() => createPartner(limited, partnerInput()), 'CBC.0151');
    await expectApiError(() => listPartners(limited, {}, { offset: 0, limit: 10 }), 'CBC.0151');
  });
});

describe('listPartners', () => {
  it('filters by keyword and type, pages, and leaves the operator out', async () => {
    const marker = `zeta${Math.random().toString(36).slice(2, 6)}`;
    for (let index = 0; index < 3; index += 1) {
      clock.advance(1000);
      await createPartner(
        operator,
        partnerInput({ name: `${marker}_${index}`, companyName: `Zeta ${index}` }),
      );
    }
    clock.advance(1000);
    await createPartner(
      operator,
      partnerInput({
        name: `${marker}_d`,
        partnerType: 'tier1_distributor',
        email: `${marker}@dist.example`,
      }),
    );
    const all = await listPartners(operator, { keyword: marker }, { offset: 0, limit: 10 });
    expect(all.totalCount).toBe(4);
    expect(all.items.map((item) => item.name)).toEqual([
      `${marker}_d`,
      `${marker}_2`,
      `${marker}_1`,
      `${marker}_0`,
    ]);
    expect(all.items[1]).toMatchObject({
      certificationStatus: 'uncertified',
      program: null,
      parent: null,
    });
    const page = await listPartners(operator, { keyword: marker }, { offset: 1, limit: 2 });
    expect(page.totalCount).toBe(4);
    expect(page.items.map((item) => item.name)).toEqual([`${marker}_2`, `${marker}_1`]);
    const distributors = await listPartners(
      operator,
      { keyword: marker, partnerType: 'tier1_distributor' },
      { offset: 0, limit: 10 },
    );
    expect(distributors.items.map((item) => item.name)).toEqual([`${marker}_d`]);
    const everyone = await listPartners(operator, {}, { offset: 0, limit: 200 });
    expect(everyone.items.some((item) => item.partnerType === 'operator')).toBe(false);
    const literal = await listPartners(operator, { keyword: '%' }, { offset: 0, limit: 10 });
    expect(literal.totalCount).toBe(0);
  });
});

describe('partner profile (P-80)', () => {
  it('shows the caller’s own account with programme and parent', async () => {
    const distributor = await createPartner(
      operator,
      partnerInput({ partnerType: 'tier1_distributor' }),
    );
    const reseller = await createPartner(
      operator,
      partnerInput({
        partnerType: 'reseller',
        programId: resale.id,
        parentPartnerId: distributor.partner.id,
      }),
    );
    const ctx = await memberContext(db, clock, reseller.owner);
    const profile = await getPartnerProfile(ctx);
    expect(profile).toMatchObject({
      id: reseller.partner.id,
      name: reseller.partner.name,
      partnerType: 'reseller',
      status: 'active',
      program: { code: 'reseller', name: 'Reseller' },
      parent: { id: distributor.partner.id, name: distributor.partner.name },
    });
    const other = await getPartnerProfile(await memberContext(db, clock, distributor.owner));
    expect(other.id).toBe(distributor.partner.id);
    expect(other.parent).toBeNull();
  });

  it('edits the editable fields and audits only what changed', async () => {
    const { partner, owner } = await buildPartner(db);
    const ctx = await memberContext(db, clock, owner);
    const updated = await updatePartnerProfile(ctx, {
      companyName: ' New Name Ltd. ',
      website: 'https://new.example',
      address: 'No. 1 Road',
      phone: partner.phone,
    });
    expect(updated).toMatchObject({
      companyName: 'New Name Ltd.',
      website: 'https://new.example',
      address: 'No. 1 Road',
    });
    const [event] = await trailOf(partner.id, 'partners.profile.update');
    expect(event?.before).toEqual({ companyName: partner.companyName, website: '', address: '' });
    expect(event?.after).toEqual({
      companyName: 'New Name Ltd.',
      website: 'https://new.example',
      address: 'No. 1 Road',
    });
    await updatePartnerProfile(ctx, { companyName: 'New Name Ltd.' });
    expect(await trailOf(partner.id, 'partners.profile.update')).toHaveLength(1);
  });

  it('names the field of bad input', async () => {
    const { owner } = await buildPartner(db);
    const ctx = await memberContext(db, clock, owner);
    await expectApiError(
      () => updatePartnerProfile(ctx, { website: 'ftp://x.example' }),
      'CBC.0100',
      'website',
    );
    await expectApiError(
      () => updatePartnerProfile(ctx, { website: 'not a url' }),
      'CBC.0100',
      'website',
    );
    await expectApiError(
      () => updatePartnerProfile(ctx, { companyName: ' ' }),
      'CBC.0100',
      'company_name',
    );
    await expectApiError(() => updatePartnerProfile(ctx, { phone: 'x' }), 'CBC.0100', 'phone');
  });

  it('needs partner.info.edit to edit, while every member may view', async () => {
    const { partner } = await buildPartner(db);
    const { member } = await buildMember(db, { partnerId: partner.id, permissions: [] });
    const ctx = await memberContext(db, clock, member);
    expect((await getPartnerProfile(ctx)).id).toBe(partner.id);
    await expectApiError(() => updatePartnerProfile(ctx, { industry: 'IT' }), 'CBC.0151');
  });
});
