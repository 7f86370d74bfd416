import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.ts';
import type { DatabaseHandle, Db } from '../../platform/db/index.ts';
import { freshDatabase } from '../../../test/helpers/database.ts';
import {
  buildOrganisation,
  buildOrgMember,
  memberContext,
  type BuiltOrganisation,
  type MemberRow,
} from '../../../test/factories/org.ts';
import { buildCustomer, type CustomerRow } from '../../../test/factories/customers.ts';
import { customerListCounts, customerListDays, customers } from './schema.ts';
import { assignAccountManager, unassignAccountManager } from './service/index.ts';
import {
  customerListOrder,
  customerWhere,
  pageOfCustomers,
  type CustomerListQuery,
} from './service/list-query.ts';

let database: DatabaseHandle;
let db: Db;
const clock = new ManualClock('2026-06-01T00:00:00Z');
let org: BuiltOrganisation;
let other: BuiltOrganisation;
let first: MemberRow;
let second: MemberRow;
let rows: CustomerRow[];

const LABELS = ['金融', 'Retail', 'retail', ''];

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  org = await buildOrganisation(db);
  other = await buildOrganisation(db);
  first = await buildOrgMember(db, org.partner.id, [org.roles.account_manager]);
  second = await buildOrgMember(db, org.partner.id, [org.roles.account_manager]);
  rows = [];
  for (let index = 0; index < 14; index++) {
    rows.push(
      await buildCustomer(db, index % 5 === 4 ? other.partner.id : org.partner.id, {
        associationType: index % 3 === 0 ? '1' : '2',
        label: LABELS[index % LABELS.length] ?? '',
        // Ties on the association time are broken by id; both orders must agree on them.
        associatedOn: new Date(Date.UTC(2026, 0, 1 + Math.floor(index / 2))),
      }),
    );
  }
});

afterAll(async () => {
  await database.close();
});

function queries(): CustomerListQuery[] {
  const base = { partnerIds: [org.partner.id], managerIds: null, conditions: [] };
  return [
    base,
    { ...base, partnerIds: [org.partner.id, other.partner.id] },
    { ...base, associationType: '1' },
    { ...base, label: { pattern: '%retail%', caseSensitive: true } },
    { ...base, label: { pattern: '%retail%', caseSensitive: false }, associationType: '2' },
    { ...base, managerIds: [first.id] },
    { ...base, managerIds: [first.id, second.id], label: { pattern: '%金%', caseSensitive: true } },
    { ...base, accountManagerId: second.id },
    { ...base, unassigned: true },
    { ...base, unassigned: true, associationType: '2' },
    // A condition the count table cannot answer: counted on the customers themselves.
    { ...base, conditions: [like(customers.accountName, 'customer_%')] },
  ];
}

/** Every query's pages and totals equal a plain ordered read of the customers table. */
async function expectPagesMatchTable(): Promise<void> {
  for (const [index, query] of queries().entries()) {
    const expected = (
      await db
        .select({ id: customers.id })
        .from(customers)
        .where(customerWhere(query))
        .orderBy(...customerListOrder)
    ).map((row) => row.id);
    for (let offset = 0; offset <= expected.length + 1; offset++) {
      const page = await pageOfCustomers(db, query, { offset, limit: 3 });
      expect(page.totalCount, `query ${index}, offset ${offset}`).toBe(expected.length);
      expect(
        page.items.map((row) => row.customer.id),
        `query ${index}, offset ${offset}`,
      ).toEqual(expected.slice(offset, offset + 3));
    }
  }
}

describe('customer list totals and pages', () => {
  it('match the customers table from both ends of the list', async () => {
    await expectPagesMatchTable();
  });

  it('follow assignments, relabelling, moves between partners, deletions and bulk inserts', async () => {
    const owner = await memberContext(db, clock, org.owner);
    const mine = rows.filter((row) => row.partnerId === org.partner.id);
    await assignAccountManager(owner, {
      customerIds: mine.slice(0, 5).map((row) => row.id),
      memberId: first.id,
    });
    await assignAccountManager(owner, {
      customerIds: mine.slice(3, 8).map((row) => row.id),
      memberId: second.id,
    });
    await unassignAccountManager(owner, { customerIds: [mine[7]?.id ?? ''] });
    await db
      .update(customers)
      .set({ label: 'retail' })
      .where(eq(customers.id, mine[0]?.id ?? ''));
    await db
      .update(customers)
      .set({ partnerId: other.partner.id, accountManagerId: null })
      .where(eq(customers.id, mine[1]?.id ?? ''));
    await db.delete(customers).where(eq(customers.id, mine[2]?.id ?? ''));
    await db.insert(customers).values(
      Array.from({ length: 4 }, (_, index) => ({
        id: `bulk-${index}`,
        partnerId: org.partner.id,
        accountName: `bulk_${index}_${org.partner.id}`,
        xaccountId: `bulk-${index}-${org.partner.id}`,
        xaccountType: org.partner.xaccountType,
        label: LABELS[index] ?? '',
        associationType: '2' as const,
        associatedOn: new Date(Date.UTC(2026, 0, 3)),
        accountManagerId: index % 2 === 0 ? first.id : null,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      })),
    );
    await expectPagesMatchTable();
  });

  it('never keeps a count the customers table does not have', async () => {
    const cells = await db.select().from(customerListCounts);
    const all = await db.select().from(customers);
    for (const cell of cells) {
      const matching = all.filter(
        (row) =>
          row.partnerId === cell.partnerId &&
          (row.accountManagerId ?? '') === cell.accountManagerId &&
          row.associationType === cell.associationType &&
          row.label === cell.label &&
          row.status === cell.status,
      );
      expect(cell.customers).toBe(matching.length);
    }
  });

  it('place deep pages of a whole list through its days, before and after changes', async () => {
    const deep = await buildOrganisation(db);
    const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + (n % 40), n % 24));
    const bulk = (from: number, count: number, associatedOn: (n: number) => Date) =>
      db.insert(customers).values(
        Array.from({ length: count }, (_, index) => {
          const n = from + index;
          return {
            id: `deep-${deep.partner.id}-${n}`,
            partnerId: deep.partner.id,
            accountName: `deep_${n}_${deep.partner.id}`,
            xaccountId: `deep-${n}-${deep.partner.id}`,
            xaccountType: deep.partner.xaccountType,
            associationType: '2' as const,
            associatedOn: associatedOn(n),
            createdAt: clock.now(),
            updatedAt: clock.now(),
          };
        }),
      );
    // 1,600 customers over 40 days, then 1,200 imported on one day: the walk within that day
    // would be longer than the usual one, so those pages take the usual path.
    await bulk(0, 1600, day);
    await bulk(1600, 1200, () => new Date(Date.UTC(2024, 5, 1)));
    const query: CustomerListQuery = {
      partnerIds: [deep.partner.id],
      managerIds: null,
      status: 'active',
      conditions: [],
    };
    const expectDeepPages = async () => {
      const expected = (
        await db
          .select({ id: customers.id })
          .from(customers)
          .where(customerWhere(query))
          .orderBy(...customerListOrder)
      ).map((row) => row.id);
      for (const offset of [
        999, 1000, 1001, 1234, 1599, 1600, 1601, 2000, 2798, 2799, 2800, 3000,
      ]) {
        const page = await pageOfCustomers(db, query, { offset, limit: 7 });
        expect(page.totalCount, `offset ${offset}`).toBe(expected.length);
        expect(
          page.items.map((row) => row.customer.id),
          `offset ${offset}`,
        ).toEqual(expected.slice(offset, offset + 7));
      }
    };
    await expectDeepPages();
    // Moves between days and statuses, and deletions, reach the day table in the same statement.
    await db
      .update(customers)
      .set({ associatedOn: new Date(Date.UTC(2025, 1, 20)) })
      .where(like(customers.id, `deep-${deep.partner.id}-1_`));
    await db
      .update(customers)
      .set({ status: 'disassociated' })
      .where(like(customers.id, `deep-${deep.partner.id}-2__`));
    await db.delete(customers).where(like(customers.id, `deep-${deep.partner.id}-3__`));
    await expectDeepPages();
    const counted = await db.select().from(customerListDays);
    const all = await db.select().from(customers);
    for (const cell of counted) {
      const matching = all.filter(
        (row) =>
          row.partnerId === cell.partnerId &&
          row.status === cell.status &&
          row.associatedOn.toISOString().slice(0, 10) === cell.day,
      );
      expect(cell.customers, `${cell.partnerId} ${cell.status} ${cell.day}`).toBe(matching.length);
    }
  });
});
