import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/platform/db/index.ts';
import { auditEvents } from '../../src/platform/audit/index.ts';
import { newId, newRequestId } from '../../src/platform/ids/index.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;

/**
 * One operation-trail event of `partnerId`, written directly (no service call), so trail queries
 * can be tested against any mix of events and times.
 */
export async function buildAuditEvent(
  db: Db,
  partnerId: string,
  overrides: Partial<typeof auditEvents.$inferInsert> = {},
): Promise<AuditEventRow> {
  const suffix = randomBytes(3).toString('hex');
  const [event] = await db
    .insert(auditEvents)
    .values({
      id: newId(),
      partnerId,
      eventType: 'ConsoleAction',
      eventSource: 'console',
      action: 'org.member.create',
      resourceType: 'org.member',
      resourceId: newId(),
      resourceName: `member_${suffix}`,
      actorType: 'member',
      actorId: newId(),
      actorName: `account_${suffix}/user_${suffix}`,
      before: null,
      after: { userName: `member_${suffix}` },
      requestId: newRequestId(),
      sourceIp: '10.0.0.1',
      occurredAt: new Date('2026-01-15T02:00:00Z'),
      ...overrides,
    })
    .returning();
  if (!event) throw new Error('audit event insert returned nothing');
  return event;
}
