import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { ManualClock } from '../../platform/clock/index.ts';
import type { DatabaseHandle, Db } from '../../platform/db/index.ts';
import { freshDatabase } from '../../../test/helpers/database.ts';
import { expectApiError } from '../../../test/helpers/api-error.ts';
import {
  buildOrganisation,
  buildOrgMember,
  memberContext,
  type BuiltOrganisation,
} from '../../../test/factories/org.ts';
import { buildCustomer } from '../../../test/factories/customers.ts';
import { customers } from './schema.ts';
import { updateCustomerProfile } from './service/index.ts';

let database: DatabaseHandle;
let db: Db;
const clock = new ManualClock('2026-04-01T02:00:00Z');
let org: BuiltOrganisation;

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  org = await buildOrganisation(db);
});

afterAll(async () => {
  await database.close();
});

async function stored(id: string) {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  return row;
}

describe('updateCustomerProfile', () => {
  it('sets the name and label, keeps a field left out, and audits the change', async () => {
    const customer = await buildCustomer(db, org.partner.id, { label: 'old' });
    const owner = await memberContext(db, clock, org.owner);
    await updateCustomerProfile(owner, { customerId: customer.id, customerName: '杭州茶语科技' });
    expect(await stored(customer.id)).toMatchObject({ customerName: '杭州茶语科技', label: 'old' });
    await updateCustomerProfile(owner, { customerId: customer.id, label: '重点客户' });
    expect(await stored(customer.id)).toMatchObject({
      customerName: '杭州茶语科技',
      label: '重点客户',
    });
    const audited = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.resourceId, customer.id),
          eq(auditEvents.action, 'customers.customer.update_profile'),
        ),
      );
    expect(audited).toHaveLength(2);
  });

  it('refuses a label longer than the column', async () => {
    const customer = await buildCustomer(db, org.partner.id);
    const owner = await memberContext(db, clock, org.owner);
    await expectApiError(
      () => updateCustomerProfile(owner, { customerId: customer.id, label: 'x'.repeat(65) }),
      'CBC.0100',
      'label',
    );
  });

  it("answers 404 for another partner's customer and 403 without customer.manage", async () => {
    const other = await buildOrganisation(db);
    const foreign = await buildCustomer(db, other.partner.id);
    const owner = await memberContext(db, clock, org.owner);
    await expectApiError(
      () => updateCustomerProfile(owner, { customerId: foreign.id, label: 'x' }),
      'CBC.0404',
    );
    const manager = await buildOrgMember(db, org.partner.id, [org.roles.account_manager]);
    const customer = await buildCustomer(db, org.partner.id);
    const managerCtx = await memberContext(db, clock, manager);
    await expectApiError(
      () => updateCustomerProfile(managerCtx, { customerId: customer.id, label: 'x' }),
      'CBC.0151',
    );
  });
});
