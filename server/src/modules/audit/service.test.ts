import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permissions } from '../../platform/auth/permissions.ts';
import { ManualClock } from '../../platform/clock/index.ts';
import type { DatabaseHandle, Db } from '../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../platform/http/context.ts';
import { freshDatabase } from '../../../test/helpers/database.ts';
import { expectApiError } from '../../../test/helpers/api-error.ts';
import { buildAuditEvent, type AuditEventRow } from '../../../test/factories/audit.ts';
import { buildPartner } from '../../../test/factories/partners.ts';
import { buildMember, memberContext } from '../../../test/factories/org.ts';
import { AUDIT_EXPORT_MAX_ROWS, exportAuditEvents, listAuditEvents } from './index.ts';

let database: DatabaseHandle;
let db: Db;
const clock = new ManualClock('2026-02-01T00:00:00Z');
let ctx: AuthenticatedContext;
let partnerId: string;
let first: AuditEventRow;
let second: AuditEventRow;
let third: AuditEventRow;
const page = { offset: 0, limit: 50 };

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  const { partner, owner } = await buildPartner(db);
  partnerId = partner.id;
  ctx = await memberContext(db, clock, owner);
  first = await buildAuditEvent(db, partnerId, {
    occurredAt: new Date('2026-01-10T08:00:00Z'),
    action: 'org.member.create',
    resourceName: 'Alice_Member',
    actorName: 'acme/owner',
    actorId: 'actor-1',
  });
  second = await buildAuditEvent(db, partnerId, {
    occurredAt: new Date('2026-01-11T08:00:00Z'),
    action: 'org.role.update',
    resourceType: 'org.role',
    resourceId: 'role-42',
    resourceName: '100%_discount',
    actorName: 'acme/admin',
    actorId: 'actor-2',
    eventType: 'ApiCall',
    eventSource: 'api',
  });
  third = await buildAuditEvent(db, partnerId, {
    occurredAt: new Date('2026-01-12T08:00:00Z'),
    action: 'partners.profile.update',
    resourceType: 'partners.partner',
    resourceName: 'acme',
    actorType: 'system',
    actorName: 'cli',
    actorId: 'system',
    eventType: 'SystemEvent',
    eventSource: 'cli',
    before: { industry: '' },
    after: { industry: 'IT' },
  });
});
afterAll(async () => {
  await database.close();
});

function ids(rows: { id: string }[]): string[] {
  return rows.map((row) => row.id);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('listAuditEvents', () => {
  it('lists the caller’s events newest first with the total', async () => {
    const result = await listAuditEvents(ctx, {}, page);
    expect(result.totalCount).toBe(3);
    expect(ids(result.items)).toEqual(ids([third, second, first]));
    const secondPage = await listAuditEvents(ctx, {}, { offset: 1, limit: 1 });
    expect(secondPage).toEqual({ items: [second], totalCount: 3 });
  });

  it('applies every filter', async () => {
    const cases: [Parameters<typeof listAuditEvents>[1], AuditEventRow[]][] = [
      [{ eventType: 'ApiCall' }, [second]],
      [{ eventSource: 'cli' }, [third]],
      [{ resourceType: 'org.role' }, [second]],
      [{ resourceId: 'role-42' }, [second]],
      [{ resourceName: 'alice' }, [first]],
      [{ resourceName: '100%' }, [second]],
      [{ resourceName: '%' }, [second]],
      [{ actor: 'ACME/' }, [second, first]],
      [{ actor: 'actor-2' }, [second]],
      [{ action: 'partners.profile.update' }, [third]],
      [{ from: '2026-01-11T08:00:00Z' }, [third, second]],
      [{ to: '2026-01-11T08:00:00Z' }, [second, first]],
      [{ from: '2026-01-10T09:00:00.000Z', to: '2026-01-12T07:59:59Z' }, [second]],
      [{ actor: 'acme', eventSource: 'console' }, [first]],
    ];
    for (const [filters, expected] of cases) {
      const result = await listAuditEvents(ctx, filters, page);
      expect(ids(result.items), JSON.stringify(filters)).toEqual(ids(expected));
      expect(result.totalCount).toBe(expected.length);
    }
  });

  it('names the malformed filter', async () => {
    await expectApiError(
      () => listAuditEvents(ctx, { from: 'yesterday' }, page),
      'CBC.0100',
      'from',
    );
    await expectApiError(
      () => listAuditEvents(ctx, { to: '2026-01-11 08:00:00' }, page),
      'CBC.0100',
      'to',
    );
    await expectApiError(
      () => listAuditEvents(ctx, { from: '2026-02-30T00:00:00Z' }, page),
      'CBC.0100',
      'from',
    );
    await expectApiError(
      () => listAuditEvents(ctx, { from: '2026-01-11T08:00:00+08:00' }, page),
      'CBC.0100',
      'from',
    );
    await expectApiError(
      () =>
        listAuditEvents(ctx, { from: '2026-01-12T00:00:00Z', to: '2026-01-11T00:00:00Z' }, page),
      'CBC.0100',
      'to',
    );
  });

  it('never shows another partner’s events', async () => {
    const { owner } = await buildPartner(db);
    const outsider = await memberContext(db, clock, owner);
    expect(await listAuditEvents(outsider, {}, page)).toEqual({ items: [], totalCount: 0 });
    expect((await listAuditEvents(outsider, { resourceId: 'role-42' }, page)).totalCount).toBe(0);
    const file = await exportAuditEvents(outsider, {}, 'csv');
    expect((await readAll(file.body)).toString('utf8').trim().split('\r\n')).toHaveLength(1);
  });

  it('needs audit.view', async () => {
    const { member } = await buildMember(db, {
      partnerId,
      permissions: [Permissions.PARTNER_INFO_EDIT],
    });
    const limited = await memberContext(db, clock, member);
    await expectApiError(() => listAuditEvents(limited, {}, page), 'CBC.0151');
    await expectApiError(() => exportAuditEvents(limited, {}, 'csv'), 'CBC.0151');
  });
});

describe('exportAuditEvents', () => {
  it('writes CSV rows newest first with the before/after documents', async () => {
    const file = await exportAuditEvents(ctx, {}, 'csv');
    expect(file.fileName).toBe('audit-events-20260201T000000Z.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    const lines = (await readAll(file.body))
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Time (UTC),Event type,Event source,Action,Resource type,Resource ID,Resource name,Actor type,Actor ID,Actor name,Request ID,Source IP,Before,After,Event ID',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('2026-01-12T08:00:00Z,SystemEvent,cli,partners.profile.update');
    expect(lines[1]).toContain('"{""industry"":""""}","{""industry"":""IT""}"');
    expect(lines[3]?.endsWith(first.id)).toBe(true);
  });

  it('writes XLSX and honours the filters', async () => {
    const file = await exportAuditEvents(ctx, { actor: 'acme' }, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readAll(file.body)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(1);
    expect(sheet?.rowCount).toBe(3);
    expect(sheet?.getRow(2).getCell(4).value).toBe('org.role.update');
    expect(sheet?.getRow(2).getCell(1).value).toEqual(new Date('2026-01-11T08:00:00Z'));
  });

  it('checks the filters and the first query before the download starts', async () => {
    await expectApiError(() => exportAuditEvents(ctx, { to: 'soon' }, 'csv'), 'CBC.0100', 'to');
    await expect(exportAuditEvents(ctx, { action: 'a\u0000b' }, 'csv')).rejects.toThrow();
  });

  it('pages through thousands of events sharing one timestamp without loss or repeat', async () => {
    const { partner, owner } = await buildPartner(db);
    const busy = await memberContext(db, clock, owner);
    await db.execute(sql`
      insert into audit_events (id, partner_id, event_type, event_source, action, resource_type,
        resource_id, resource_name, actor_type, actor_id, actor_name, request_id, occurred_at)
      select md5(${partner.id} || n::text), ${partner.id}, 'ConsoleAction', 'console', 'bulk.write',
        'bulk', n::text, 'bulk ' || n, 'member', 'actor', 'busy/owner', 'req',
        timestamptz '2026-01-20T00:00:00Z' - ((n % 3) || ' seconds')::interval
      from generate_series(1, 2500) as n`);
    const file = await exportAuditEvents(busy, {}, 'csv');
    const rows = (await readAll(file.body)).toString('utf8').trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(2500);
    const exportedIds = rows.map((row) => row.split(',').at(-1));
    expect(new Set(exportedIds).size).toBe(2500);
    const times = rows.map((row) => row.split(',')[0] ?? '');
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('stops at the row cap, newest first', async () => {
    const { partner, owner } = await buildPartner(db);
    const huge = await memberContext(db, clock, owner);
    await db.execute(sql`
      insert into audit_events (id, partner_id, event_type, event_source, action, resource_type,
        resource_id, actor_type, actor_id, actor_name, request_id, occurred_at)
      select md5('cap' || n::text), ${partner.id}, 'ConsoleAction', 'console', 'bulk.write', 'bulk',
        n::text, 'member', 'actor', 'huge/owner', 'req',
        timestamptz '2026-01-01T00:00:00Z' + (n || ' seconds')::interval
      from generate_series(1, ${AUDIT_EXPORT_MAX_ROWS + 5}) as n`);
    const file = await exportAuditEvents(huge, {}, 'csv');
    const rows = (await readAll(file.body)).toString('utf8').trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(AUDIT_EXPORT_MAX_ROWS);
    expect(rows[0]?.split(',')[5]).toBe(String(AUDIT_EXPORT_MAX_ROWS + 5));
    expect(rows.at(-1)?.split(',')[5]).toBe('6');
  });
});
