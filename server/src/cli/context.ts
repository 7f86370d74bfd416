import { pino } from 'pino';
import type { Principal } from '../platform/auth/principal.ts';
import type { ServiceContext } from '../platform/http/context.ts';
import { newRequestId } from '../platform/ids/index.ts';
import { accountDirectory } from '../modules/partners/index.ts';
import type { Runtime } from '../runtime.ts';

/** A service context for CLI commands: source `cli`, one request id per command run. */
export function cliContext(runtime: Runtime, principal: Principal | null = null): ServiceContext {
  return {
    db: runtime.database.db,
    clock: runtime.clock,
    requestId: newRequestId(),
    sourceIp: '127.0.0.1',
    source: 'cli',
    log: pino({ level: 'warn' }),
    principal,
  };
}

/** The principal of an account's owner, loaded as any request would load it. */
export async function ownerPrincipal(
  runtime: Runtime,
  partnerId: string,
  memberId: string,
): Promise<Principal> {
  const principal = await accountDirectory.loadPrincipal(
    runtime.database.db,
    { type: 'member', id: memberId, partnerId },
    'session',
  );
  if (!principal) throw new Error(`account ${partnerId} has no active owner`);
  return principal;
}
