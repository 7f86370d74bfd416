/**
 * The server side of the auth benchmark, run as a child process by run.ts so that the load
 * generator does not share its event loop: opens a runtime on the data dir given as argument
 * (PGlite, or PostgreSQL when DATABASE_URL is set), seeds one partner with an access key, serves
 * on a random loopback port and reports the credentials to the parent over IPC.
 */
import { buildRuntimeApp, openRuntime } from '../../server/src/runtime.ts';
import { createAccessKeyFor } from '../../server/src/platform/auth/index.ts';
import { buildPartner } from '../../server/test/factories/partners.ts';

export interface BenchServerReady {
  port: number;
  accountName: string;
  password: string;
  accessKey: string;
  secretKey: string;
}

const dataDir = process.argv[2];
if (!dataDir || !process.send)
  throw new Error('run.ts starts this file with a data dir and an IPC channel');

const runtime = await openRuntime({ dataDir, port: 0, host: '127.0.0.1' });
const { partner, owner, password } = await buildPartner(runtime.database.db);
const key = await createAccessKeyFor(
  runtime.database.db,
  runtime.keyring,
  { type: 'member', id: owner.id, partnerId: partner.id },
  'benchmark',
  runtime.clock.now(),
);
const app = await buildRuntimeApp(runtime, false);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no TCP address');

const ready: BenchServerReady = {
  port: address.port,
  accountName: partner.name,
  password,
  accessKey: key.accessKey,
  secretKey: key.secretKey,
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
