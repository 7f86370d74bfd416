import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/platform/db/index.ts';
import { newId } from '../../src/platform/ids/index.ts';
import {
  customerAccountManagers,
  customerAssociationRecords,
  customers,
} from '../../src/modules/customers/schema.ts';

export type CustomerRow = typeof customers.$inferSelect;

/**
 * A customer associated with `partnerId`, with an 'associated' record; rows are written directly
 * so tests can set up any state (verified, old, labelled) without the API's rules.
 */
export async function buildCustomer(
  db: Db,
  partnerId: string,
  overrides: Partial<typeof customers.$inferInsert> = {},
): Promise<CustomerRow> {
  const suffix = randomBytes(4).toString('hex');
  const now = overrides.associatedOn ?? new Date();
  const [row] = await db
    .insert(customers)
    .values({
      id: newId(),
      partnerId,
      accountName: `cust_${suffix}`,
      customerName: `Customer ${suffix}`,
      email: `cust_${suffix}@example.com`,
      mobile: '',
      xaccountId: `x_${suffix}`,
      xaccountType: `xat_customer_${suffix}`,
      associationType: '2',
      associatedOn: now,
      createdAt: now,
      updatedAt: now,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('customer insert returned nothing');
  await db.insert(customerAssociationRecords).values({
    id: newId(),
    partnerId,
    customerId: row.id,
    event: 'associated',
    associationType: row.associationType,
    occurredAt: row.associatedOn,
    actor: 'factory',
  });
  return row;
}

/** Opens a management period of `memberId` for the customer (no rule checks). */
export async function assignDirectly(
  db: Db,
  customer: { id: string; partnerId: string },
  memberId: string,
  startedAt: Date = new Date(),
): Promise<void> {
  await db.insert(customerAccountManagers).values({
    id: newId(),
    partnerId: customer.partnerId,
    customerId: customer.id,
    memberId,
    startedAt,
  });
  // The customer row mirrors the open period (service/assign.ts), as data scopes read it there.
  await db
    .update(customers)
    .set({ accountManagerId: memberId })
    .where(and(eq(customers.partnerId, customer.partnerId), eq(customers.id, customer.id)));
}
