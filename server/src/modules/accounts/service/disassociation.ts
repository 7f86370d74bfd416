import { recordAudit } from '../../../platform/audit/index.ts';
import { Money } from '../../../platform/money/index.ts';
import type { DisassociationEffect } from '../../customers/index.ts';
import { findAccount, lockAccounts, postTransaction } from './ledger.ts';
import { balanceChanges, customerCash, partnerCash, TRANSACTION_RESOURCE } from './shared.ts';

/** The memo of the automatic reclaim, shown in the adjustment and change records. */
export const DISASSOCIATION_RECLAIM_MEMO = 'disassociation';

/**
 * R-DIS-07: when a customer leaves its partner, the cash the partner allocated to it returns to
 * the partner's cash account, in the transaction that completes the disassociation. It is a 回收
 * like any other (listed in the adjustment records), by the principal who completed the request.
 * Registered with the customers module by the composition root.
 */
export const returnBalanceOnDisassociation: DisassociationEffect = async (
  tx,
  ctx,
  { partnerId, customer },
) => {
  const account = customerCash({ id: customer.id, partnerId });
  if (!(await findAccount(tx, account))) return;
  // Both accounts in the global lock order, so the balance read is the one posted.
  const locked = await lockAccounts(tx, [partnerCash(partnerId), account]);
  const row = locked.find((candidate) => candidate.ownerId === customer.id);
  const balance = new Money(row?.balance ?? 0);
  if (balance.lte(0)) return;
  const posted = await postTransaction(ctx, tx, {
    kind: 'customer_reclaim',
    partnerId,
    legs: [
      { account: partnerCash(partnerId), amount: balance },
      { account, amount: balance.neg() },
    ],
    amount: balance,
    counterparty: { type: 'customer', id: customer.id, name: customer.accountName },
    memo: DISASSOCIATION_RECLAIM_MEMO,
  });
  await recordAudit(ctx, tx, {
    partnerId,
    action: 'accounts.customer.reclaim_on_disassociation',
    resourceType: TRANSACTION_RESOURCE,
    resourceId: posted.id,
    resourceName: customer.accountName,
    ...balanceChanges(posted),
  });
};
