import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { invalidParameter } from '../../../platform/http/errors.ts';
import { customers } from '../schema.ts';
import {
  assertCaller,
  CONSOLE_ACCOUNT_TYPES,
  CUSTOMER_RESOURCE,
  getVisibleCustomer,
} from './shared.ts';

export interface CustomerProfileInput {
  customerId: string;
  customerName?: string | undefined;
  label?: string | undefined;
}

/** Column widths of `customers.customer_name` and `customers.label`. */
const MAX_CUSTOMER_NAME = 128;
const MAX_LABEL = 64;

/**
 * Sets a customer's display name and label, the partner's own annotations (the open API creates
 * customers without them); fields left out keep their value.
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.manage`; CBC.0100 naming
 *   `customer_name` or `label` when too long; CBC.0404 when the customer is unknown or out of scope.
 */
export async function updateCustomerProfile(
  ctx: ServiceContext,
  input: CustomerProfileInput,
): Promise<void> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_MANAGE);
  if (input.customerName !== undefined && input.customerName.length > MAX_CUSTOMER_NAME) {
    throw invalidParameter('customer_name', `must be at most ${MAX_CUSTOMER_NAME} characters`);
  }
  if (input.label !== undefined && input.label.length > MAX_LABEL) {
    throw invalidParameter('label', `must be at most ${MAX_LABEL} characters`);
  }
  const before = await getVisibleCustomer(ctx.db, principal, input.customerId);
  const changes = {
    customerName: input.customerName ?? before.customerName,
    label: input.label ?? before.label,
  };
  await withTransaction(ctx.db, async (tx) => {
    await tx
      .update(customers)
      .set({ ...changes, updatedAt: ctx.clock.now() })
      .where(eq(customers.id, before.id));
    await recordAudit(ctx, tx, {
      action: 'customers.customer.update_profile',
      resourceType: CUSTOMER_RESOURCE,
      resourceId: before.id,
      resourceName: before.accountName,
      before: { customerName: before.customerName, label: before.label },
      after: changes,
    });
  });
}
