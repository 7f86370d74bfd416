import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { DAY_MS, ManualClock } from '../../platform/clock/index.ts';
import type { DatabaseHandle, Db } from '../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../platform/http/context.ts';
import { freshDatabase } from '../../../test/helpers/database.ts';
import { expectApiError } from '../../../test/helpers/api-error.ts';
import {
  buildOrganisation,
  buildOrgMember,
  memberContext,
  type BuiltOrganisation,
  type MemberRow,
} from '../../../test/factories/org.ts';
import { buildCustomer, type CustomerRow } from '../../../test/factories/customers.ts';
import { customerAccountManagers, customers } from './schema.ts';
import {
  assignAccountManager,
  listAssignableMembers,
  listAssignmentHistory,
  listConsoleCustomers,
  listSubCustomers,
  unassignAccountManager,
} from './service/index.ts';

let database: DatabaseHandle;
let db: Db;
const clock = new ManualClock('2026-04-01T02:00:00Z');
let org: BuiltOrganisation;
let supervisor: MemberRow;
let teamManager: MemberRow;
let loneManager: MemberRow;
let admin: MemberRow;
let c1: CustomerRow;
let c2: CustomerRow;
let c3: CustomerRow;
let c4: CustomerRow;
let owner: AuthenticatedContext;

const page = { offset: 0, limit: 100 };

async function as(member: MemberRow): Promise<AuthenticatedContext> {
  return memberContext(db, clock, member);
}

async function visibleIds(ctx: AuthenticatedContext): Promise<string[]> {
  const result = await listConsoleCustomers(ctx, {}, page);
  return result.items.map((item) => item.customer.id).sort();
}

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  org = await buildOrganisation(db);
  const partnerId = org.partner.id;
  supervisor = await buildOrgMember(db, partnerId, [org.roles.am_supervisor]);
  teamManager = await buildOrgMember(db, partnerId, [org.roles.account_manager], {
    supervisorId: supervisor.id,
  });
  loneManager = await buildOrgMember(db, partnerId, [org.roles.account_manager]);
  admin = await buildOrgMember(db, partnerId, [org.roles.system_admin]);
  [c1, c2, c3, c4] = (await Promise.all(
    [1, 2, 3, 4].map(() => buildCustomer(db, partnerId, { associatedOn: clock.now() })),
  )) as [CustomerRow, CustomerRow, CustomerRow, CustomerRow];
  owner = await memberContext(db, clock, org.owner);
  await assignAccountManager(owner, { customerIds: [c1.id], memberId: teamManager.id });
  await assignAccountManager(owner, { customerIds: [c2.id], memberId: loneManager.id });
  await assignAccountManager(owner, { customerIds: [c3.id], memberId: supervisor.id });
});
afterAll(async () => {
  await database.close();
});

describe('data scope', () => {
  it('gives account managers their own customers, supervisors their team’s, admins all', async () => {
    expect(await visibleIds(await as(teamManager))).toEqual([c1.id]);
    expect(await visibleIds(await as(loneManager))).toEqual([c2.id]);
    expect(await visibleIds(await as(supervisor))).toEqual([c1.id, c3.id].sort());
    expect(await visibleIds(await as(admin))).toEqual([c1.id, c2.id, c3.id, c4.id].sort());
    expect(await visibleIds(owner)).toEqual([c1.id, c2.id, c3.id, c4.id].sort());
  });

  it('applies the same scope in the open API list, with the total counted in scope', async () => {
    const result = await listSubCustomers(await as(supervisor), {}, { offset: 0, limit: 1 });
    expect(result.totalCount).toBe(2);
    expect(result.items).toHaveLength(1);
  });

  it('filters unassigned customers and by account manager', async () => {
    const unassigned = await listConsoleCustomers(owner, { unassigned: true }, page);
    expect(unassigned.items.map((item) => item.customer.id)).toEqual([c4.id]);
    const byManager = await listConsoleCustomers(owner, { accountManagerId: loneManager.id }, page);
    expect(byManager.items.map((item) => item.customer.id)).toEqual([c2.id]);
  });
});

describe('assignment periods', () => {
  it('closes the open period and opens a new one at the current time', async () => {
    const customer = await buildCustomer(db, org.partner.id);
    await assignAccountManager(owner, { customerIds: [customer.id], memberId: teamManager.id });
    const firstAt = clock.now();
    clock.advance(DAY_MS);
    const changeAt = clock.now();
    expect(
      await assignAccountManager(owner, { customerIds: [customer.id], memberId: loneManager.id }),
    ).toBe(1);
    expect(
      await assignAccountManager(owner, { customerIds: [customer.id], memberId: loneManager.id }),
    ).toBe(0);
    const history = await listAssignmentHistory(owner, customer.id);
    expect(history).toEqual([
      expect.objectContaining({ memberId: loneManager.id, startedAt: changeAt, endedAt: null }),
      expect.objectContaining({ memberId: teamManager.id, startedAt: firstAt, endedAt: changeAt }),
    ]);
    clock.advance(DAY_MS);
    expect(await unassignAccountManager(owner, { customerIds: [customer.id] })).toBe(1);
    const open = await db
      .select()
      .from(customerAccountManagers)
      .where(
        and(
          eq(customerAccountManagers.customerId, customer.id),
          eq(customerAccountManagers.memberId, loneManager.id),
        ),
      );
    expect(open[0]?.endedAt).toEqual(clock.now());
    const audits = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.resourceId, customer.id));
    expect(audits.map((event) => event.action).sort()).toEqual([
      'customers.customer.assign',
      'customers.customer.assign',
      'customers.customer.unassign',
    ]);
  });

  it('keeps the customer row’s current manager equal to the open period', async () => {
    const customer = await buildCustomer(db, org.partner.id);
    const managerOf = async () => {
      const [row] = await db
        .select({ accountManagerId: customers.accountManagerId })
        .from(customers)
        .where(eq(customers.id, customer.id));
      return row?.accountManagerId;
    };
    expect(await managerOf()).toBeNull();
    await assignAccountManager(owner, { customerIds: [customer.id], memberId: teamManager.id });
    expect(await managerOf()).toBe(teamManager.id);
    await assignAccountManager(owner, { customerIds: [customer.id], memberId: loneManager.id });
    expect(await managerOf()).toBe(loneManager.id);
    expect(await visibleIds(await as(loneManager))).toContain(customer.id);
    expect(await visibleIds(await as(teamManager))).not.toContain(customer.id);
    await unassignAccountManager(owner, { customerIds: [customer.id] });
    expect(await managerOf()).toBeNull();
    expect(await visibleIds(await as(loneManager))).not.toContain(customer.id);
  });

  it('lets a supervisor assign only within the team and only visible customers', async () => {
    const ctx = await as(supervisor);
    await expectApiError(
      () => assignAccountManager(ctx, { customerIds: [c1.id], memberId: loneManager.id }),
      'CBC.0151',
    );
    await expectApiError(
      () => assignAccountManager(ctx, { customerIds: [c2.id], memberId: teamManager.id }),
      'CBC.0404',
    );
    expect(
      await assignAccountManager(ctx, { customerIds: [c3.id], memberId: teamManager.id }),
    ).toBe(1);
    await assignAccountManager(owner, { customerIds: [c3.id], memberId: supervisor.id });
  });

  it('assigns only to account managers and supervisors, and needs customer.assign', async () => {
    await expectApiError(
      () => assignAccountManager(owner, { customerIds: [c4.id], memberId: admin.id }),
      'CBC.0100',
    );
    const managerCtx = await as(teamManager);
    await expectApiError(
      () =>
        assignAccountManager(managerCtx, {
          customerIds: [c1.id],
          memberId: teamManager.id,
        }),
      'CBC.0151',
    );
    await expectApiError(
      () => assignAccountManager(owner, { customerIds: [], memberId: teamManager.id }),
      'CBC.0100',
    );
  });

  it('offers the members within the caller’s scope', async () => {
    const all = (await listAssignableMembers(owner)).map((member) => member.id).sort();
    expect(all).toEqual([supervisor.id, teamManager.id, loneManager.id].sort());
    const team = (await listAssignableMembers(await as(supervisor))).map((member) => member.id);
    expect(team.sort()).toEqual([supervisor.id, teamManager.id].sort());
  });
});
