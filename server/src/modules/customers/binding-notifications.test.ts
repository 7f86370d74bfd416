import { verify, X509Certificate } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { withTransaction, type Db } from '../../platform/db/index.ts';
import { Errors } from '../../platform/http/errors.ts';
import { JobRunner } from '../../platform/jobs/index.ts';
import { RSA_SHA256_URI } from '../../platform/signing/index.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import { assignDirectly, buildCustomer } from '../../../test/factories/customers.ts';
import {
  buildOrganisation,
  buildOrgMember,
  memberRef,
  systemContext,
  type BuiltOrganisation,
} from '../../../test/factories/org.ts';
import { buildPartner } from '../../../test/factories/partners.ts';
import { bindingNotifications, customerPartnerSettings } from './schema.ts';
import {
  bindingNotificationJob,
  insertBindingNotification,
  queueBindingNotification,
} from './service/binding-notifications.ts';

/** What the partner's receiver got: the form fields of each POST. */
interface Received {
  contentType: string;
  fields: URLSearchParams;
}

/** A partner's callback endpoint on 127.0.0.1 answering the queued statuses, then 200. */
class Receiver {
  readonly received: Received[] = [];
  answers: number[] = [];
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({
          contentType: request.headers['content-type'] ?? '',
          fields: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
        });
        const status = this.answers.shift() ?? 200;
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(status === 200 ? 'success' : 'receiver trouble');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}/huawei/bind-notify`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

let t: TestApp;
let db: Db;
let sp: BuiltOrganisation;
let spKey: AkSk;
let ownerToken: string;
let managerToken: string;
let managedCustomerId: string;
let outsiderToken: string;
let resellerToken: string;
let quietKey: AkSk;
let quiet: BuiltOrganisation;
const receiver = new Receiver();

const CALLBACK = '/console/api/partner/binding-callback';
const LOG = '/console/api/partner/binding-notifications';
const CREATE = '/v2/partners/sub-customers';

beforeAll(async () => {
  t = await buildTestApp();
  db = t.database.db;
  await receiver.start();
  sp = await buildOrganisation(db);
  spKey = await buildAccessKey(db, t.keyring, memberRef(sp.owner));
  ownerToken = await issueTestToken(db, memberRef(sp.owner), t.clock);
  const manager = await buildOrgMember(db, sp.partner.id, [sp.roles.account_manager]);
  managerToken = await issueTestToken(db, memberRef(manager), t.clock);
  const managed = await buildCustomer(db, sp.partner.id);
  await assignDirectly(db, managed, manager.id, t.clock.now());
  managedCustomerId = managed.id;
  const outsider = await buildOrganisation(db);
  outsiderToken = await issueTestToken(db, memberRef(outsider.owner), t.clock);
  const distributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  const reseller = await buildOrganisation(db, {
    partnerType: 'reseller',
    parentPartnerId: distributor.partner.id,
  });
  await buildPartner(db, { partnerType: 'reseller', parentPartnerId: distributor.partner.id });
  resellerToken = await issueTestToken(db, memberRef(reseller.owner), t.clock);
  quiet = await buildOrganisation(db);
  quietKey = await buildAccessKey(db, t.keyring, memberRef(quiet.owner));
});

afterAll(async () => {
  await receiver.stop();
  await t.close();
});

beforeEach(() => {
  receiver.received.length = 0;
  receiver.answers = [];
});

function call(method: 'GET' | 'PUT' | 'POST', url: string, token: string | null, payload?: object) {
  const options: InjectOptions = { method, url, headers: token ? { 'x-auth-token': token } : {} };
  if (payload !== undefined) options.payload = payload;
  return t.app.inject(options);
}

async function createCustomer(keys: AkSk, partner: BuiltOrganisation, xaccountId: string) {
  const response = await signedRequest(t.app, keys, {
    method: 'POST',
    url: CREATE,
    payload: { xaccount_id: xaccountId, xaccount_type: partner.partner.xaccountType },
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ domain_id: string; domain_name: string }>();
}

async function notificationRows(partnerId: string) {
  return db
    .select()
    .from(bindingNotifications)
    .where(eq(bindingNotifications.partnerId, partnerId))
    .orderBy(bindingNotifications.createdAt);
}

/** Verifies a received notification as a partner would, with the certificate from the metadata. */
async function verifyWithMetadata(fields: URLSearchParams): Promise<unknown> {
  const metadata = await t.app.inject({ method: 'GET', url: '/sp/metadata.xml' });
  expect(metadata.statusCode).toBe(200);
  const base64 = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(metadata.body)?.[1];
  expect(base64).toBeDefined();
  const certificate = new X509Certificate(Buffer.from(base64 ?? '', 'base64'));
  const bindRequest = fields.get('bindRequest') ?? '';
  expect(fields.get('SigAlg')).toBe(RSA_SHA256_URI);
  const signature = Buffer.from(fields.get('Signature') ?? '', 'base64');
  expect(verify('sha256', Buffer.from(bindRequest), certificate.publicKey, signature)).toBe(true);
  // A tampered payload must not verify.
  const tampered = Buffer.from(bindRequest.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
  expect(verify('sha256', tampered, certificate.publicKey, signature)).toBe(false);
  return JSON.parse(Buffer.from(bindRequest, 'base64').toString('utf8'));
}

describe('callback URL (P-70 通知结果绑定地址)', () => {
  it('starts empty, is set by the owner and audited', async () => {
    const empty = await call('GET', CALLBACK, ownerToken);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ url: '' });

    const set = await call('PUT', CALLBACK, ownerToken, { url: receiver.url });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ url: receiver.url });
    expect((await call('GET', CALLBACK, ownerToken)).json()).toEqual({ url: receiver.url });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.partnerId, sp.partner.id),
          eq(auditEvents.action, 'customers.binding_callback.update'),
        ),
      );
    expect(event?.after).toEqual({ bindingCallbackUrl: receiver.url });
  });

  it.each([
    ['ftp://example.com/notify'],
    ['/relative/path'],
    ['not a url'],
    ['https://user:secret@example.com/notify'],
    [`https://example.com/${'a'.repeat(1010)}`],
  ])('refuses %s with CBC.0100 naming url', async (url) => {
    const response = await call('PUT', CALLBACK, ownerToken, { url });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error_code: string; error_msg: string }>()).toMatchObject({
      error_code: Errors.INVALID_PARAMETER.code,
      error_msg: expect.stringContaining('url') as unknown,
    });
    expect((await call('GET', CALLBACK, ownerToken)).json()).toEqual({ url: receiver.url });
  });

  it('needs credentials', async () => {
    expect((await call('GET', CALLBACK, null)).statusCode).toBe(401);
    expect((await call('PUT', CALLBACK, null, { url: 'https://evil.example/' })).statusCode).toBe(
      401,
    );
    expect((await call('GET', LOG, null)).statusCode).toBe(401);
    expect((await call('POST', `${CALLBACK}/test`, null)).statusCode).toBe(401);
  });

  it('lets an account manager neither change the URL nor send a test', async () => {
    const response = await call('PUT', CALLBACK, managerToken, { url: 'https://evil.example/' });
    expect(response.statusCode).toBe(403);
    expect((await call('POST', `${CALLBACK}/test`, managerToken)).statusCode).toBe(403);
    expect((await call('GET', CALLBACK, ownerToken)).json()).toEqual({ url: receiver.url });
  });

  it("lets outsiders set only their own URL, never another partner's", async () => {
    for (const token of [outsiderToken, resellerToken]) {
      expect((await call('GET', CALLBACK, token)).json()).toEqual({ url: '' });
      const own = await call('PUT', CALLBACK, token, { url: 'https://outsider.example/notify' });
      expect(own.statusCode).toBe(200);
    }
    expect((await call('GET', CALLBACK, ownerToken)).json()).toEqual({ url: receiver.url });
    const [mine] = await db
      .select()
      .from(customerPartnerSettings)
      .where(eq(customerPartnerSettings.partnerId, sp.partner.id));
    expect(mine?.bindingCallbackUrl).toBe(receiver.url);
  });
});

describe('binding notifications', () => {
  it('CreateSubCustomer sends one signed bindAction "0" the partner can verify', async () => {
    const created = await createCustomer(spKey, sp, 'platform-user-bind-1');
    const [queued] = await notificationRows(sp.partner.id);
    expect(queued).toMatchObject({ status: 'pending', attempts: 0, customerId: created.domain_id });
    expect(receiver.received).toEqual([]);

    expect(await t.drainJobs()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery?.contentType).toBe('application/x-www-form-urlencoded');
    expect(await verifyWithMetadata(delivery?.fields ?? new URLSearchParams())).toEqual({
      domainName: created.domain_name,
      domainId: created.domain_id,
      xUserId: 'platform-user-bind-1',
      bindAction: '0',
    });
    const [row] = await notificationRows(sp.partner.id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, lastResponseStatus: 200 });
    expect(row?.deliveredAt).toEqual(t.clock.now());

    // The idempotent repeat binds nothing new, so it notifies nothing.
    await createCustomer(spKey, sp, 'platform-user-bind-1');
    expect(await t.drainJobs()).toBe(0);
    expect(await notificationRows(sp.partner.id)).toHaveLength(1);
  });

  it('retries with backoff: 500 twice then 200 is delivered after 3 attempts', async () => {
    receiver.answers = [500, 500];
    const created = await createCustomer(spKey, sp, 'platform-user-bind-2');
    expect(await t.drainJobs()).toBe(1);
    const find = async () =>
      (await notificationRows(sp.partner.id)).find((row) => row.customerId === created.domain_id);
    expect(await find()).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastResponseStatus: 500,
      lastError: 'HTTP 500: receiver trouble',
      deliveredAt: null,
    });
    // The retry waits for its backoff delay.
    expect(await t.drainJobs()).toBe(0);

    expect(await t.drainJobs({ ignoreDelay: true })).toBe(2);
    expect(await find()).toMatchObject({
      status: 'delivered',
      attempts: 3,
      lastResponseStatus: 200,
      lastError: '',
    });
    expect(receiver.received).toHaveLength(3);
    const bodies = receiver.received.map((entry) => entry.fields.get('bindRequest'));
    expect(new Set(bodies).size).toBe(1);
  });

  it('marks a notification failed once every attempt is used', async () => {
    receiver.answers = Array.from({ length: 6 }, () => 503);
    const created = await createCustomer(spKey, sp, 'platform-user-bind-3');
    expect(await t.drainJobs({ ignoreDelay: true })).toBe(6);
    const row = (await notificationRows(sp.partner.id)).find(
      (entry) => entry.customerId === created.domain_id,
    );
    expect(row).toMatchObject({ status: 'failed', attempts: 6, lastResponseStatus: 503 });
    expect(await t.drainJobs({ ignoreDelay: true })).toBe(0);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.resourceId, row?.id ?? ''),
          eq(auditEvents.action, 'customers.binding_notification.fail'),
        ),
      );
    expect(event?.eventType).toBe('SystemEvent');
  });

  it('records a refused connection as an attempt without a status', async () => {
    // A port that was just free: nothing listens there any more.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await call('PUT', CALLBACK, ownerToken, { url: `http://127.0.0.1:${port}/gone` });
    const created = await createCustomer(spKey, sp, 'platform-user-bind-4');
    await call('PUT', CALLBACK, ownerToken, { url: receiver.url });
    expect(await t.drainJobs()).toBe(1);
    const row = (await notificationRows(sp.partner.id)).find(
      (entry) => entry.customerId === created.domain_id,
    );
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastResponseStatus: null });
    expect(row?.url).toBe(`http://127.0.0.1:${port}/gone`);
    expect(row?.lastError).not.toBe('');
  });

  it('queues nothing when the business transaction rolls back', async () => {
    const before = await notificationRows(sp.partner.id);
    await expect(
      withTransaction(db, async (tx) => {
        await queueBindingNotification(tx, systemContext(db, t.clock), {
          partnerId: sp.partner.id,
          customerId: managedCustomerId,
          bindAction: '1',
        });
        throw new Error('the unbinding failed');
      }),
    ).rejects.toThrow('the unbinding failed');
    expect(await notificationRows(sp.partner.id)).toEqual(before);
    expect(await t.drainJobs()).toBe(0);
    expect(receiver.received).toEqual([]);
  });

  it('gives up an attempt the partner does not answer in time', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const slow = await buildOrganisation(db);
    try {
      const id = await withTransaction(db, (tx) =>
        insertBindingNotification(tx, t.clock.now(), {
          partnerId: slow.partner.id,
          customerId: null,
          url: `http://127.0.0.1:${port}/slow`,
          isTest: true,
          body: { domainName: 'slow', domainId: 'slow', xUserId: 'slow', bindAction: '0' },
        }),
      );
      // The production worker with a shorter timeout, so the test does not wait 5 s.
      const runner = new JobRunner({ db, clock: t.clock, log: t.app.log }, [
        bindingNotificationJob({ signingKey: t.signingKey, timeoutMs: 200 }),
      ]);
      expect(await runner.drain()).toBe(1);
      const [row] = await notificationRows(slow.partner.id);
      expect(row).toMatchObject({
        id,
        status: 'pending',
        attempts: 1,
        lastResponseStatus: null,
        lastError: 'no answer within 200 ms',
      });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('sends nothing for a partner without a callback URL', async () => {
    await createCustomer(quietKey, quiet, 'platform-user-quiet');
    expect(await notificationRows(quiet.partner.id)).toEqual([]);
    expect(await t.drainJobs()).toBe(0);
    expect(receiver.received).toEqual([]);
    const quietToken = await issueTestToken(db, memberRef(quiet.owner), t.clock);
    const test = await call('POST', `${CALLBACK}/test`, quietToken);
    expect(test.statusCode).toBe(400);
    expect(test.json<{ error_code: string }>().error_code).toBe(Errors.OPERATION_NOT_ALLOWED.code);
  });
});

describe('test notification and delivery log', () => {
  it('sends a signed test notification whose outcome shows in the log', async () => {
    const response = await call('POST', `${CALLBACK}/test`, ownerToken);
    expect(response.statusCode).toBe(200);
    const queued = response.json<{ id: string; status: string; is_test: boolean }>();
    expect(queued).toMatchObject({ status: 'pending', is_test: true, customer_id: null });
    await t.drainJobs();
    const payload = (await verifyWithMetadata(
      receiver.received.at(-1)?.fields ?? new URLSearchParams(),
    )) as { bindAction: string };
    expect(payload.bindAction).toBe('0');

    const log = await call('GET', `${LOG}?is_test=true`, ownerToken);
    expect(log.statusCode).toBe(200);
    expect(log.json()).toMatchObject({
      total_count: 1,
      notifications: [{ id: queued.id, status: 'delivered', attempts: 1, is_test: true }],
    });
  });

  it('lists newest first with filters and paging', async () => {
    const all = await call('GET', `${LOG}?limit=2`, ownerToken);
    const body = all.json<{
      total_count: number;
      notifications: { created_at: string; status: string }[];
    }>();
    expect(body.total_count).toBeGreaterThanOrEqual(5);
    expect(body.notifications).toHaveLength(2);
    const failed = await call('GET', `${LOG}?status=failed`, ownerToken);
    expect(failed.json()).toMatchObject({ total_count: 1, notifications: [{ status: 'failed' }] });
    const named = await call('GET', `${LOG}?domain_name=HUOBAN_TEST`, ownerToken);
    expect(named.json()).toMatchObject({ total_count: 1 });
    const bad = await call('GET', `${LOG}?status=lost`, ownerToken);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error_code: string }>().error_code).toBe(Errors.INVALID_PARAMETER.code);
  });

  it('exports the log as CSV and XLSX', async () => {
    const csv = await call('GET', `${LOG}/export?format=csv&status=failed`, ownerToken);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('binding-notifications-');
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('platform-user-bind-3');
    const xlsx = await call('GET', `${LOG}/export?format=xlsx`, ownerToken);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('shows outsiders and account managers nothing of the partner’s log', async () => {
    for (const token of [outsiderToken, resellerToken]) {
      const log = await call('GET', LOG, token);
      expect(log.json()).toEqual({ total_count: 0, notifications: [] });
      const csv = await call('GET', `${LOG}/export?format=csv`, token);
      expect(csv.body.trim().split('\r\n')).toHaveLength(1);
    }
    // An account manager limited to their own customers sees only notifications about those.
    expect((await call('GET', LOG, managerToken)).json()).toEqual({
      total_count: 0,
      notifications: [],
    });
    await withTransaction(db, (tx) =>
      queueBindingNotification(tx, systemContext(db, t.clock), {
        partnerId: sp.partner.id,
        customerId: managedCustomerId,
        bindAction: '1',
      }),
    );
    expect((await call('GET', LOG, managerToken)).json()).toMatchObject({
      total_count: 1,
      notifications: [{ customer_id: managedCustomerId, bind_action: '1', status: 'pending' }],
    });
  });
});

describe('SP metadata', () => {
  it('is public and carries the signing certificate', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/sp/metadata.xml' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('Metadata.xml');
    expect(response.body).toContain('<md:EntityDescriptor');
    expect(response.body).toContain(t.signingKey.certificateBase64);
  });
});
