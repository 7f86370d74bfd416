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
import { customerListCounts, customers } from './schema.ts';
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
        page.items.map((row) => row.id),
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
});
