import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/platform/db/index.ts';
import { newId } from '../../src/platform/ids/index.ts';
import type { App } from '../../src/app.ts';
import { SESSION_COOKIE } from '../../src/platform/auth/index.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import type { PrincipalRef } from '../../src/platform/auth/principal.ts';
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

/** The password `buildLoginCustomer` gives a customer (it meets the password policy). */
export const CUSTOMER_TEST_PASSWORD = 'Cust-pass-2026';

let customerPasswordHash: Promise<string> | undefined;

/** The credential reference of a customer principal (see `issueTestToken`). */
export function customerRef(customer: { id: string; partnerId: string }): PrincipalRef {
  return { type: 'customer', id: customer.id, partnerId: customer.partnerId };
}

/**
 * A customer of `partnerId` (see `buildCustomer`) that can sign in to the portal and obtain IAM
 * tokens with its account name and `CUSTOMER_TEST_PASSWORD`.
 */
export async function buildLoginCustomer(
  db: Db,
  partnerId: string,
  overrides: Partial<typeof customers.$inferInsert> = {},
): Promise<{ customer: CustomerRow; password: string; ref: PrincipalRef }> {
  customerPasswordHash ??= hashPassword(CUSTOMER_TEST_PASSWORD);
  const customer = await buildCustomer(db, partnerId, {
    passwordHash: await customerPasswordHash,
    ...overrides,
  });
  return { customer, password: CUSTOMER_TEST_PASSWORD, ref: customerRef(customer) };
}

/** A signed-in portal session: send `headers` with every request (cookie, CSRF token). */
export interface PortalSession {
  cookie: string;
  csrfToken: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

/**
 * Signs a customer in through `POST /console/api/portal/session`, the way the portal does, and
 * returns the cookie and CSRF token for further `app.inject` calls. Fails the test on a refusal.
 */
export async function loginCustomer(
  app: App,
  accountName: string,
  password: string = CUSTOMER_TEST_PASSWORD,
): Promise<PortalSession> {
  const response = await app.inject({
    method: 'POST',
    url: '/console/api/portal/session',
    payload: { account_name: accountName, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(
      `portal login of ${accountName} failed: ${response.statusCode} ${response.body}`,
    );
  }
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  const csrfToken = response.json<{ csrf_token: string }>().csrf_token;
  const header = `${SESSION_COOKIE}=${cookie}`;
  return { cookie: header, csrfToken, headers: { cookie: header, 'x-csrf-token': csrfToken } };
}
