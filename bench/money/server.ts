/**
 * The server side of the money benchmark, run as a child process by run.ts: opens a runtime on
 * PostgreSQL (DATABASE_URL; migrations applied), builds the operator, one partner with
 * `customers` resale customers, records a large top-up and grants a large coupon quota, serves on
 * a random loopback port and reports the partner's access key, customer ids and quota id to the
 * parent over IPC. On `verify` it runs the whole-ledger check and answers the differences.
 */
import { buildRuntimeApp, openRuntime } from '../../server/src/runtime.ts';
import { createAccessKeyFor } from '../../server/src/platform/auth/index.ts';
import { Money } from '../../server/src/platform/money/index.ts';
import { recordTopUp } from '../../server/src/modules/accounts/service/index.ts';
import { verifyLedger } from '../../server/src/modules/accounts/index.ts';
import { grantQuota } from '../../server/src/modules/coupons/service/index.ts';
import { buildOrganisation, memberContext } from '../../server/test/factories/org.ts';
import { buildCustomer } from '../../server/test/factories/customers.ts';

export interface BenchServerReady {
  port: number;
  keys: { accessKey: string; secretKey: string };
  customerIds: string[];
  quotaId: string;
}

const [dataDir, customerCount] = process.argv.slice(2).map(String);
if (!dataDir || !process.send) throw new Error('run.ts starts this file with a data dir and IPC');

const runtime = await openRuntime({ dataDir, port: 0, host: '127.0.0.1' });
const { db } = runtime.database;
const operator = await buildOrganisation(db, { partnerType: 'operator' });
const partner = await buildOrganisation(db);
const customerIds: string[] = [];
for (let index = 0; index < Number(customerCount); index++) {
  customerIds.push((await buildCustomer(db, partner.partner.id)).id);
}
const operatorContext = await memberContext(db, runtime.clock, operator.owner);
await recordTopUp(operatorContext, {
  partnerId: partner.partner.id,
  amount: new Money('100000000.00'),
  memo: 'benchmark',
});
const now = runtime.clock.now();
const { quotaId } = await grantQuota(operatorContext, {
  partnerId: partner.partner.id,
  amount: new Money('100000000.00'),
  effectiveTime: now,
  expireTime: new Date(now.getTime() + 365 * 24 * 3600 * 1000),
  scope: { cloudServiceTypes: [], productIds: [] },
  remark: 'benchmark',
});
const key = await createAccessKeyFor(
  db,
  runtime.keyring,
  { type: 'member', id: partner.owner.id, partnerId: partner.partner.id },
  'benchmark',
  runtime.clock.now(),
);
const app = await buildRuntimeApp(runtime, false);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');
const ready: BenchServerReady = {
  port: address.port,
  keys: { accessKey: key.accessKey, secretKey: key.secretKey },
  customerIds,
  quotaId,
};
process.send(ready);

async function stop(): Promise<void> {
  await app.close();
  await runtime.close();
  process.exit(0);
}
/** `cpu` asks for the CPU time used so far, `verify` for the ledger check; anything else stops. */
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  else if (message === 'verify') {
    void verifyLedger(db).then((result) =>
      process.send?.({
        verify: {
          accounts: result.accounts,
          transactions: result.transactions,
          differences: result.differences.length,
        },
      }),
    );
  } else void stop();
});
process.on('disconnect', () => void stop());
