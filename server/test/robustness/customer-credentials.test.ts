import type { InjectOptions, LightMyRequestResponse, RouteOptions } from 'fastify';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/platform/audit/index.ts';
import type { PrincipalType } from '../../src/platform/auth/schema.ts';
import { buildLoginCustomer, customerRef, loginCustomer } from '../factories/customers.ts';
import { buildAccessKey, type BuiltAccessKey } from '../factories/keys.ts';
import { memberRef } from '../factories/org.ts';
import { buildPartner, type BuiltPartner } from '../factories/partners.ts';
import { buildTestApp } from '../helpers/app.ts';
import { issueTestToken } from '../helpers/auth-token.ts';
import { signNodeStyle } from '../helpers/signing.ts';

/**
 * Customers and partner members share the credential machinery (tokens, console cookies, AK/SK)
 * but not the routes. Every registered API route is called with each kind of credential of the
 * kind it does not serve, and must answer 401/403/404 with no data and no write. Routes are
 * discovered through the app's onRoute hook, so routes added later are covered without touching
 * this file.
 */

interface DiscoveredRoute {
  method: string;
  url: string;
  principals: readonly PrincipalType[];
}

const API_PREFIX = /^\/(v1\.0|v2|v3|v4|console\/api)\//;
const routes: DiscoveredRoute[] = [];
const seen = new Set<string>();

function collect(route: RouteOptions): void {
  const config = route.config as
    { auth?: boolean; principals?: readonly PrincipalType[] } | undefined;
  if (config?.auth === false || !API_PREFIX.test(route.url)) return;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  for (const method of methods) {
    const key = `${method} ${route.url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    routes.push({ method, url: route.url, principals: config?.principals ?? ['member'] });
  }
}

const t = await buildTestApp('2026-11-20T08:00:00Z', { onRoute: collect });
routes.sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));

afterAll(async () => {
  await t.close();
});

/** Path parameters get a plausible id; the guard must answer before anything is looked up. */
function fillPath(url: string): string {
  return url.replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, 'probe-id').replace(/\*$/, 'probe');
}

type Caller = (method: string, url: string) => Promise<LightMyRequestResponse>;

function withHeaders(headers: Record<string, string>): Caller {
  return (method, url) => {
    const request: InjectOptions = {
      method: method,
      url,
      headers: { ...headers, 'content-type': 'application/json' },
    };
    if (method !== 'GET' && method !== 'HEAD') request.payload = '{}';
    return t.app.inject(request);
  };
}

function signedWith(key: BuiltAccessKey): Caller {
  return (method, url) => {
    const body = method === 'GET' || method === 'HEAD' ? '' : '{}';
    const signed = signNodeStyle(
      { accessKey: key.accessKey, secretKey: key.secretKey },
      {
        method,
        url,
        headers: { 'content-type': 'application/json', host: 'localhost' },
        body,
        date: t.clock.now(),
      },
    );
    const request: InjectOptions = {
      method: method,
      url: signed.url,
      headers: signed.headers,
    };
    if (body !== '') request.payload = body;
    return t.app.inject(request);
  };
}

async function auditCount(): Promise<number> {
  const [row] = await t.database.db.select({ value: count() }).from(auditEvents);
  return row?.value ?? 0;
}

/** Calls every route not serving `kind` with each caller; returns the routes that answered badly. */
async function sweep(kind: PrincipalType, callers: Record<string, Caller>): Promise<string[]> {
  const leaks: string[] = [];
  for (const route of routes.filter((candidate) => !candidate.principals.includes(kind))) {
    for (const [label, call] of Object.entries(callers)) {
      const response = await call(route.method, fillPath(route.url));
      const refused = [401, 403, 404].includes(response.statusCode);
      const hasErrorBody =
        route.method === 'HEAD' ||
        typeof response.json<{ error_code?: unknown }>().error_code === 'string';
      if (!refused || !hasErrorBody) {
        leaks.push(`${label} ${route.method} ${route.url} → ${response.statusCode}`);
      }
    }
  }
  return leaks;
}

describe('credentials of one kind of principal on the routes of the other', () => {
  let partner: BuiltPartner;

  beforeAll(async () => {
    partner = await buildPartner(t.database.db, { partnerType: 'tier1_distributor' });
  });

  it('discovered the partner routes and the portal routes', () => {
    const customerRoutes = routes.filter((route) => route.principals.includes('customer'));
    expect(routes.length - customerRoutes.length).toBeGreaterThan(40);
    expect(customerRoutes.map((route) => `${route.method} ${route.url}`)).toEqual(
      expect.arrayContaining([
        'GET /console/api/portal/account',
        'POST /console/api/portal/access-keys',
        'GET /v3/auth/domains',
      ]),
    );
  });

  it('refuses customer tokens, cookies and AK/SK on every partner route, writing nothing', async () => {
    const { customer, password } = await buildLoginCustomer(t.database.db, partner.partner.id);
    const token = await issueTestToken(t.database.db, customerRef(customer), t.clock);
    const session = await loginCustomer(t.app, customer.accountName, password);
    const key = await buildAccessKey(t.database.db, t.keyring, customerRef(customer));
    const before = await auditCount();
    const leaks = await sweep('customer', {
      token: withHeaders({ 'x-auth-token': token }),
      cookie: withHeaders(session.headers),
      aksk: signedWith(key),
    });
    expect(leaks).toEqual([]);
    expect(await auditCount()).toBe(before);
  });

  it('refuses partner tokens and AK/SK on every customer-only route, writing nothing', async () => {
    const token = await issueTestToken(t.database.db, memberRef(partner.owner), t.clock);
    const key = await buildAccessKey(t.database.db, t.keyring, memberRef(partner.owner));
    const before = await auditCount();
    const leaks = await sweep('member', {
      token: withHeaders({ 'x-auth-token': token }),
      aksk: signedWith(key),
    });
    expect(leaks).toEqual([]);
    expect(await auditCount()).toBe(before);
  });
});
