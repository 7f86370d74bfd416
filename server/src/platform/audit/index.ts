import type { Principal } from '../auth/principal.ts';
import type { Db } from '../db/index.ts';
import type { ServiceContext } from '../http/context.ts';
import { newId } from '../ids/index.ts';
import { auditEvents } from './schema.ts';

export { auditEvents, auditSources, type AuditSource } from './schema.ts';

export interface AuditEntry {
  /** The tenant whose trail gets the event (defaults to the caller's partner). */
  partnerId?: string;
  /** Dotted verb, e.g. `org.member.create`. */
  action: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** `ConsoleAction`/`ApiCall` by default from the request source; `SystemEvent` for jobs. */
  eventType?: string;
}

/** Fields never copied into the trail, whatever a service passes. */
const secretFields = new Set([
  'passwordHash',
  'password',
  'secretCiphertext',
  'secretKey',
  'secretHash',
]);

function redact(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !secretFields.has(key)));
}

/**
 * `account/user` of the caller; a customer principal reached through `assume_role` also names the
 * partner member acting for it, so the trail shows who really did it.
 */
function actorNameOf(principal: Principal): string {
  const name = `${principal.accountName}/${principal.userName}`;
  const by = principal.assumedBy;
  return (by ? `${name} (assumed by ${by.accountName}/${by.userName})` : name).slice(0, 255);
}

/**
 * Records one write in the operation trail. Call it with the transaction that makes the write,
 * so the event exists exactly when the change does.
 */
export async function recordAudit(ctx: ServiceContext, tx: Db, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values(auditRow(ctx, entry));
}

/**
 * The row `recordAudit` writes, for a service that writes it as a part of one of its own
 * statements (the ledger's posting, whose balances only that statement knows).
 */
export function auditRow(ctx: ServiceContext, entry: AuditEntry): typeof auditEvents.$inferInsert {
  const principal = ctx.principal;
  const partnerId = entry.partnerId ?? principal?.partnerId;
  if (!partnerId) throw new Error(`audit entry ${entry.action} has no tenant`);
  return {
    id: newId(),
    partnerId,
    eventType:
      entry.eventType ??
      (ctx.source === 'console'
        ? 'ConsoleAction'
        : ctx.source === 'api'
          ? 'ApiCall'
          : 'SystemEvent'),
    eventSource: ctx.source,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    resourceName: entry.resourceName ?? '',
    actorType: principal?.type ?? 'system',
    actorId: principal?.id ?? 'system',
    actorName: principal ? actorNameOf(principal) : ctx.source,
    before: redact(entry.before),
    after: redact(entry.after),
    requestId: ctx.requestId,
    sourceIp: ctx.sourceIp,
    occurredAt: ctx.clock.now(),
  };
}
