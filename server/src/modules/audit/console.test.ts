import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { buildAuditEvent } from '../../../test/factories/audit.ts';
import { buildPartner } from '../../../test/factories/partners.ts';
import { buildMember } from '../../../test/factories/org.ts';

let t: TestApp;
let partnerId: string;
let token: string;

async function tokenFor(member: { id: string; partnerId: string }): Promise<string> {
  return issueTestToken(
    t.database.db,
    { type: 'member', id: member.id, partnerId: member.partnerId },
    t.clock,
  );
}

/** `auth` null sends no credentials; by default the partner owner's token. */
function get(url: string, auth: string | null = token) {
  return t.app.inject({ method: 'GET', url, headers: auth ? { 'x-auth-token': auth } : {} });
}

beforeAll(async () => {
  t = await buildTestApp('2026-02-01T00:00:00Z');
  const { partner, owner } = await buildPartner(t.database.db);
  partnerId = partner.id;
  token = await tokenFor(owner);
  await buildAuditEvent(t.database.db, partnerId, {
    occurredAt: new Date('2026-01-10T08:00:00Z'),
    action: 'org.member.create',
    resourceName: 'alice',
  });
  await buildAuditEvent(t.database.db, partnerId, {
    occurredAt: new Date('2026-01-11T08:00:00Z'),
    action: 'org.role.update',
    resourceName: 'finance, "special"',
    before: { name: 'old' },
    after: { name: 'new' },
  });
});
afterAll(async () => {
  await t.close();
});

describe('GET /console/api/audit/events', () => {
  it('lists events in the documented shape, newest first', async () => {
    const response = await get('/console/api/audit/events?limit=1');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ total_count: number; events: Record<string, unknown>[] }>();
    expect(body.total_count).toBe(2);
    expect(body.events).toHaveLength(1);
    expect(Object.keys(body.events[0] ?? {}).sort()).toEqual(
      [
        'id',
        'event_type',
        'event_source',
        'action',
        'resource_type',
        'resource_id',
        'resource_name',
        'actor_type',
        'actor_id',
        'actor_name',
        'before',
        'after',
        'request_id',
        'source_ip',
        'occurred_at',
      ].sort(),
    );
    expect(body.events[0]).toMatchObject({
      action: 'org.role.update',
      before: { name: 'old' },
      after: { name: 'new' },
      occurred_at: '2026-01-11T08:00:00Z',
    });
  });

  it('records the caller’s own writes with request id and source IP', async () => {
    const update = await t.app.inject({
      method: 'PUT',
      url: '/console/api/partner/profile',
      headers: { 'x-auth-token': token },
      payload: { industry: 'Cloud' },
      remoteAddress: '192.0.2.7',
    });
    expect(update.statusCode).toBe(200);
    const response = await get('/console/api/audit/events?action=partners.profile.update');
    expect(response.json()).toMatchObject({
      total_count: 1,
      events: [
        {
          event_type: 'ConsoleAction',
          event_source: 'console',
          resource_id: partnerId,
          after: { industry: 'Cloud' },
          request_id: update.headers['x-request-id'],
          source_ip: '192.0.2.7',
        },
      ],
    });
  });

  it('names the malformed filter', async () => {
    const badTime = await get('/console/api/audit/events?from=2026-13-01T00:00:00Z');
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json()).toEqual({
      error_code: 'CBC.0100',
      error_msg: "Invalid parameter: field 'from': must be a UTC time like '2026-01-15T02:00:00Z'",
    });
    const badSource = await get('/console/api/audit/events?event_source=browser');
    expect(badSource.json<{ error_msg: string }>().error_msg).toContain('querystring.event_source');
    const unknown = await get('/console/api/audit/events?colour=red');
    expect(unknown.json<{ error_msg: string }>().error_msg).toContain('querystring.colour');
  });

  it('needs authentication and audit.view', async () => {
    expect((await get('/console/api/audit/events', null)).statusCode).toBe(401);
    const { member } = await buildMember(t.database.db, { partnerId, permissions: [] });
    const limited = await tokenFor(member);
    expect((await get('/console/api/audit/events', limited)).statusCode).toBe(403);
    expect((await get('/console/api/audit/events/export', limited)).statusCode).toBe(403);
  });

  it('shows an outsider only its own trail', async () => {
    const { owner } = await buildPartner(t.database.db);
    const outsider = await tokenFor(owner);
    const response = await get('/console/api/audit/events', outsider);
    expect(response.json()).toEqual({ total_count: 0, events: [] });
    const file = await get('/console/api/audit/events/export?format=csv', outsider);
    expect(file.body.trim().split('\r\n')).toHaveLength(1);
  });
});

describe('GET /console/api/audit/events/export', () => {
  it('downloads CSV by default, filtered, as an attachment', async () => {
    const response = await get('/console/api/audit/events/export?action=org.role.update');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="audit-events-20260201T000000Z.csv"; filename*=UTF-8''audit-events-20260201T000000Z.csv`,
    );
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"finance, ""special"""');
  });

  it('downloads XLSX', async () => {
    const response = await get(
      '/console/api/audit/events/export?format=xlsx&to=2026-01-10T23:59:59Z',
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(1);
    expect(sheet?.rowCount).toBe(2);
    expect(sheet?.getRow(2).getCell(7).value).toBe('alice');
  });

  it('names the malformed format or filter', async () => {
    const badFormat = await get('/console/api/audit/events/export?format=pdf');
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json<{ error_msg: string }>().error_msg).toContain('querystring.format');
    const nul = await get('/console/api/audit/events/export?action=%00');
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ error_code: 'CBC.0100' });
    const badTime = await get('/console/api/audit/events/export?to=tomorrow');
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json<{ error_msg: string }>().error_msg).toContain("field 'to'");
  });
});
