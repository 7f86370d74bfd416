/**
 * The server side of the customers benchmark, run as a child process by run.ts: opens a runtime
 * on PostgreSQL (DATABASE_URL; migrations applied), builds one partner with the preset roles and
 * eight account managers, bulk-loads its customers and management periods straight into the
 * tables (plus other partners' customers as noise), serves on a random loopback port and
 * reports the access keys of the owner and of one account manager to the parent over IPC.
 */
import { sql } from 'drizzle-orm';
import { buildRuntimeApp, openRuntime } from '../../server/src/runtime.ts';
import { createAccessKeyFor } from '../../server/src/platform/auth/index.ts';
import type { Db } from '../../server/src/platform/db/index.ts';
import { buildOrganisation, buildOrgMember } from '../../server/test/factories/org.ts';

export interface BenchServerReady {
  port: number;
  owner: { accessKey: string; secretKey: string };
  /** An account manager ('mine' data scope) holding one eighth of the managed customers. */
  manager: { accessKey: string; secretKey: string };
  /** The tag in every loaded account name and id (`main<tag>_c<n>`, id md5('main<tag>' || n)). */
  prefix: string;
  loadSeconds: number;
}

const [dataDir, customerCount, noiseCount, runTag] = process.argv.slice(2).map(String);
if (!dataDir || !runTag || !process.send)
  throw new Error('run.ts starts this file with a data dir, counts, a run tag and an IPC channel');

const LABELS = ['重点客户', '制造业', '零售', '教育', '金融', 'SMB', '上云迁移', ''];
const MANAGERS = 8;

/**
 * `count` customers of `partnerId` in one INSERT … SELECT: every fifth a referral, labels in
 * turn, one association every five minutes going back from 2026-01-01, and customers at
 * positions 0–7 of every ten managed by `managerIds` in turn (8 and 9 unassigned).
 */
async function loadCustomers(
  db: Db,
  partnerId: string,
  xaccountType: string,
  prefix: string,
  count: number,
  managerIds: readonly string[],
): Promise<void> {
  const labels = sql.raw(`array[${LABELS.map((label) => `'${label}'`).join(',')}]`);
  await db.execute(sql`
    insert into customers (id, partner_id, account_name, customer_name, xaccount_id, xaccount_type,
      label, association_type, associated_on, verified_status, created_at, updated_at)
    select md5(${prefix} || g), ${partnerId}, ${prefix} || '_c' || g, '客户公司 ' || ${prefix} || ' ' || g,
      ${prefix} || '-' || g, ${xaccountType}, (${labels})[1 + g % 8],
      case when g % 5 = 0 then '1' else '2' end,
      timestamptz '2026-01-01T00:00:00Z' - g * interval '5 minutes',
      case when g % 3 = 0 then '2' else '-1' end, now(), now()
    from generate_series(1, ${count}) as g`);
  if (managerIds.length === 0) return;
  const managers = sql.raw(`array[${managerIds.map((id) => `'${id}'`).join(',')}]`);
  await db.execute(sql`
    insert into customer_account_managers (id, partner_id, customer_id, member_id, started_at)
    select md5('period' || ${prefix} || g), ${partnerId}, md5(${prefix} || g),
      (${managers})[1 + g % 10], timestamptz '2026-01-01T00:00:00Z'
    from generate_series(1, ${count}) as g
    where g % 10 < ${managerIds.length}`);
  // The customer row mirrors its open management period (customers/service/assign.ts).
  await db.execute(sql`
    update customers set account_manager_id = (${managers})[1 + g % 10]
    from generate_series(1, ${count}) as g
    where customers.id = md5(${prefix} || g) and g % 10 < ${managerIds.length}`);
}

const runtime = await openRuntime({ dataDir, port: 0, host: '127.0.0.1' });
const { db } = runtime.database;
const started = performance.now();
const org = await buildOrganisation(db);
const managers = [];
for (let index = 0; index < MANAGERS; index++) {
  managers.push(await buildOrgMember(db, org.partner.id, [org.roles.account_manager]));
}
await loadCustomers(
  db,
  org.partner.id,
  org.partner.xaccountType,
  `main${runTag}`,
  Number(customerCount),
  managers.map((member) => member.id),
);
for (let index = 0; index < 5; index++) {
  const other = await buildOrganisation(db);
  await loadCustomers(
    db,
    other.partner.id,
    other.partner.xaccountType,
    `noise${runTag}${index}`,
    Math.floor(Number(noiseCount) / 5),
    [],
  );
}
// A settled table has been vacuumed (visibility map set), so counts can run as index-only scans;
// the checkpoint writes the load out now rather than in the middle of the measurement.
await db.execute(sql`vacuum analyze`);
await db.execute(sql`checkpoint`);
const loadSeconds = (performance.now() - started) / 1000;

const keyOf = async (memberId: string) => {
  const key = await createAccessKeyFor(
    db,
    runtime.keyring,
    { type: 'member', id: memberId, partnerId: org.partner.id },
    'benchmark',
    runtime.clock.now(),
  );
  return { accessKey: key.accessKey, secretKey: key.secretKey };
};
const [firstManager] = managers;
if (!firstManager) throw new Error('no account manager');
const app = await buildRuntimeApp(runtime, false);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');
const ready: BenchServerReady = {
  port: address.port,
  owner: await keyOf(org.owner.id),
  manager: await keyOf(firstManager.id),
  prefix: `main${runTag}`,
  loadSeconds,
};
process.send(ready);

async function stop(): Promise<void> {
  await app.close();
  await runtime.close();
  process.exit(0);
}
/** `cpu` asks for the CPU time used so far (the parent turns it into CPU per request); anything else stops. */
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  else void stop();
});
process.on('disconnect', () => void stop());
