import type { LightMyRequestResponse, RouteOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/app.ts';
import { buildPartner } from '../factories/partners.ts';
import { buildTestApp } from '../helpers/app.ts';
import { issueTestToken } from '../helpers/auth-token.ts';

/**
 * Hostile input on every route the application registers: whatever arrives, the answer is never
 * a 5xx, every 4xx has Huawei's `{error_code, error_msg}` body, and every answer carries an
 * X-Request-Id. Routes are discovered through the app's onRoute hook, so routes added later are
 * covered without touching this file.
 */

type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
}

interface DiscoveredRoute {
  method: HttpMethod;
  url: string;
  /** Reachable without credentials (opted out, or outside the API prefixes). */
  isPublic: boolean;
  body: JsonSchema | undefined;
  querystring: JsonSchema | undefined;
}

interface Probe {
  label: string;
  /**
   * Rejected while the body is parsed, before authentication runs, so the caller cannot change
   * the answer: sent once, anonymously.
   */
  beforeAuth?: boolean;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
}

const routes: DiscoveredRoute[] = [];
const seen = new Set<string>();

function asSchema(value: unknown): JsonSchema | undefined {
  return value && typeof value === 'object' ? value : undefined;
}

const API_PREFIX = /^\/(v1\.0|v2|v3|v4|console\/api)\//;

function collect(route: RouteOptions): void {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const schema = route.schema as Record<string, unknown> | undefined;
  const config = route.config as { auth?: boolean } | undefined;
  const isPublic = config?.auth === false || !API_PREFIX.test(route.url);
  for (const method of methods) {
    const key = `${method} ${route.url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    routes.push({
      method: method as HttpMethod,
      url: route.url,
      isPublic,
      body: asSchema(schema?.body),
      querystring: asSchema(schema?.querystring),
    });
  }
}

const t = await buildTestApp(undefined, { onRoute: collect });
routes.sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));

afterAll(async () => {
  await t.close();
});

// ---- input generation -------------------------------------------------------------------------

const PARAM = /:[A-Za-z0-9_]+(\([^)]*\))?/g;

/** The route's URL with every path parameter (and a wildcard) replaced by `value`. */
function fillPath(url: string, value: string): string {
  return url.replace(PARAM, value).replace(/\*$/, value);
}

/** Path parameter values as raw URL text: encodings, traversal, injection, overlong, unicode. */
const oddPathValues = [
  '%00',
  '%ZZ',
  '%FF',
  '%C0%AF',
  '..%2F..%2Fetc%2Fpasswd',
  '%E4%B8%AD%E6%96%87',
  '%F0%9F%98%80',
  '%27%20OR%20%271%27%3D%271',
  '%3Cscript%3E',
  '%20',
  '-1',
  '99999999999999999999999999',
  'a'.repeat(100),
  'a'.repeat(2_000),
];

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.anyOf) return schema.anyOf.flatMap(typesOf);
  return [];
}

/** A plausible value for a schema, so that one wrong field is not hidden behind another. */
function sample(schema: JsonSchema, depth = 0): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const [type] = typesOf(schema);
  switch (type) {
    case 'string':
      return 'probe';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return schema.items && depth < 4 ? [sample(schema.items, depth + 1)] : [];
    case 'object':
      return depth < 4 ? sampleObject(schema, depth + 1) : {};
    case 'null':
      return null;
    default:
      return 'probe';
  }
}

function sampleObject(schema: JsonSchema, depth = 0): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, property]) => [
      name,
      sample(property, depth),
    ]),
  );
}

/**
 * Values of the wrong type for a field. The app's Ajv coerces scalars ("1" → 1, 1 → "1",
 * x → [x]), so the wrong values are the ones no coercion can rescue.
 */
function wrongValues(schema: JsonSchema): unknown[] {
  const types = typesOf(schema);
  if (types.includes('string')) return [{ nested: 1 }, [1, 2]];
  if (types.includes('integer')) return ['abc', 1.5, { nested: 1 }];
  if (types.includes('number')) return ['abc', { nested: 1 }];
  if (types.includes('boolean')) return ['maybe', { nested: 1 }];
  if (types.includes('array')) return [{ nested: 1 }];
  if (types.includes('object')) return ['text', [1]];
  return [{ nested: 1 }];
}

/** Every string field of an object schema set to `value` (the rest keep their sample values). */
function withStrings(schema: JsonSchema, value: string): Record<string, unknown> {
  const body = sampleObject(schema);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (typesOf(property).includes('string') && property.enum === undefined) body[name] = value;
  }
  return body;
}

function withNumbers(schema: JsonSchema, raw: string): string {
  const body = sampleObject(schema);
  const marker = '__probe_number__';
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const types = typesOf(property);
    if (types.includes('integer') || types.includes('number')) body[name] = marker;
  }
  return JSON.stringify(body).replaceAll(`"${marker}"`, raw);
}

const json = { 'content-type': 'application/json' };
const oversized = Buffer.alloc(BODY_LIMIT_BYTES + 1024, 'a');
oversized.write('{"a":"', 0);
oversized.write('"}', oversized.length - 2);

/** Bodies that are wrong before any schema is consulted. */
function bodyProbes(path: string): Probe[] {
  const deep = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
  const parsed = (label: string, payload: string | Buffer): Probe => ({
    label,
    path,
    headers: json,
    payload,
  });
  const unparsable = (
    label: string,
    contentType: string | undefined,
    payload: string | Buffer,
  ) => ({
    label,
    path,
    beforeAuth: true,
    payload,
    ...(contentType === undefined ? {} : { headers: { 'content-type': contentType } }),
  });
  return [
    unparsable('malformed JSON', 'application/json', '{"a": [1, 2'),
    unparsable('prototype poisoning', 'application/json', '{"__proto__":{"polluted":true}}'),
    unparsable('body over the 12 MiB limit', 'application/json', oversized),
    unparsable('text/plain body', 'text/plain', 'hi'),
    unparsable('form body', 'application/x-www-form-urlencoded', 'a=1&b=2'),
    unparsable(
      'multipart body',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
    ),
    unparsable('XML body', 'application/xml', '<a/>'),
    unparsable('body without content type', undefined, '{"a":1}'),
    parsed('invalid UTF-8 in JSON', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
    parsed('empty JSON body', ''),
    parsed('JSON null', 'null'),
    parsed('JSON array', '[1,2,3]'),
    parsed('JSON string', '"text"'),
    parsed('JSON number', '1e309'),
    parsed('deeply nested JSON', deep),
    parsed('constructor poisoning', '{"constructor":{"prototype":{"polluted":true}}}'),
    {
      label: 'JSON with an odd charset',
      path,
      headers: { 'content-type': 'application/json; charset=utf-16' },
      payload: '{"a":1}',
    },
  ];
}

/** Bodies derived from the route's schema: unknown fields, wrong types, extreme values. */
function schemaBodyProbes(path: string, schema: JsonSchema | undefined): Probe[] {
  const object = schema && typesOf(schema).includes('object') ? schema : { type: 'object' };
  const base = sampleObject(object);
  const probe = (label: string, body: unknown): Probe => ({
    label,
    path,
    headers: json,
    payload: JSON.stringify(body),
  });
  const probes: Probe[] = [
    probe('sample body', base),
    probe('unknown field', { ...base, unknown_field_xyz: 'x' }),
    probe('huge strings', withStrings(object, 'x'.repeat(200_000))),
    probe('NUL characters', withStrings(object, 'a\u0000b')),
    probe('unicode and control characters', withStrings(object, '中文😀\u202e\u0007\ud800')),
    probe('empty strings', withStrings(object, '')),
    {
      label: 'huge numbers',
      path,
      headers: json,
      payload: withNumbers(object, '1e309'),
    },
    {
      label: 'unsafe integers',
      path,
      headers: json,
      payload: withNumbers(object, '-99999999999999999999999'),
    },
    { label: 'negative numbers', path, headers: json, payload: withNumbers(object, '-1') },
    { label: 'fractions', path, headers: json, payload: withNumbers(object, '0.000000001') },
  ];
  for (const [name, property] of Object.entries(object.properties ?? {})) {
    for (const wrong of wrongValues(property)) {
      probes.push(probe(`wrong type for ${name}`, { ...base, [name]: wrong }));
    }
    probes.push(probe(`null ${name}`, { ...base, [name]: null }));
  }
  return probes;
}

/** Query strings: unknown keys, wrong types, extremes, repeated keys, broken encodings. */
function queryProbes(path: string, schema: JsonSchema | undefined): Probe[] {
  const probes: Probe[] = [
    { label: 'unknown query parameter', path, query: 'unknown_param_xyz=1' },
    { label: 'broken query encoding', path, query: 'a=%ZZ&b=%00&%FF=1' },
    { label: 'huge query value', path, query: `a=${'x'.repeat(50_000)}` },
  ];
  const oddValues = [
    'abc',
    '-1',
    '1.5',
    '1e400',
    '99999999999999999999999',
    '',
    '%00',
    '%E4%B8%AD',
    'x'.repeat(5_000),
  ];
  for (const name of Object.keys(schema?.properties ?? {})) {
    for (const value of oddValues) {
      probes.push({
        label: `query ${name}=${value.slice(0, 24)}`,
        path,
        query: `${name}=${value}`,
      });
    }
    probes.push({ label: `repeated query ${name}`, path, query: `${name}=1&${name}=2` });
  }
  return probes;
}

function probesFor(route: DiscoveredRoute): Probe[] {
  const path = fillPath(route.url, 'probe-id');
  const probes: Probe[] = [{ label: 'plain request', path }];
  if (route.url.includes('/:') || route.url.endsWith('*')) {
    for (const value of oddPathValues) {
      probes.push({
        label: `path parameter ${value.slice(0, 24)}`,
        path: fillPath(route.url, value),
      });
    }
    probes.push({ label: 'empty path parameter', path: fillPath(route.url, '') });
  }
  probes.push(...queryProbes(path, route.querystring));
  if (route.method !== 'HEAD' && route.method !== 'GET') {
    probes.push(...bodyProbes(path), ...schemaBodyProbes(path, route.body));
  }
  return probes;
}

// ---- checking ----------------------------------------------------------------------------------

/** What is wrong with one answer, or null when it is acceptable. */
function problemWith(route: DiscoveredRoute, response: LightMyRequestResponse): string | null {
  if (response.statusCode >= 500) return `status ${response.statusCode}`;
  if (!response.headers['x-request-id']) return 'no X-Request-Id header';
  if (response.statusCode < 400 || route.method === 'HEAD') return null;
  let body: unknown;
  try {
    body = response.json();
  } catch {
    return 'a 4xx body that is not JSON';
  }
  const keys = body && typeof body === 'object' ? Object.keys(body).sort() : [];
  const { error_code: code, error_msg: message } = (body ?? {}) as Record<string, unknown>;
  if (keys.join(',') !== 'error_code,error_msg') return `4xx body keys [${keys.join(', ')}]`;
  if (typeof code !== 'string' || !code || typeof message !== 'string' || !message) {
    return '4xx body with an empty error_code or error_msg';
  }
  return null;
}

async function send(
  route: DiscoveredRoute,
  probe: Probe,
  token: string | undefined,
): Promise<string | null> {
  const url = probe.query === undefined ? probe.path : `${probe.path}?${probe.query}`;
  const headers: Record<string, string> = { ...probe.headers };
  if (token) headers['x-auth-token'] = token;
  const who = token ? 'owner' : 'anonymous';
  let response: LightMyRequestResponse;
  try {
    response = await t.app.inject({
      method: route.method,
      url,
      headers,
      ...(probe.payload === undefined ? {} : { payload: probe.payload }),
    });
  } catch (error) {
    // A response torn down half-way (a stream that failed after the headers went out).
    return `${probe.label} (${who}): no complete response: ${String(error)}`;
  }
  const problem = problemWith(route, response);
  if (!problem) return null;
  return `${probe.label} (${who}): ${problem}: ${response.body.slice(0, 300)}`;
}

async function ownerToken(): Promise<string> {
  const { partner, owner } = await buildPartner(t.database.db);
  return issueTestToken(
    t.database.db,
    { type: 'member', id: owner.id, partnerId: partner.id },
    t.clock,
  );
}

describe('route discovery', () => {
  it('sees the platform routes', () => {
    const urls = routes.map((route) => `${route.method} ${route.url}`);
    expect(urls).toContain('GET /healthz');
    expect(urls).toContain('GET /openapi.json');
  });
});

/** Authenticated GET routes without parameters: the owner's token must get past authentication. */
const plainAuthenticatedGets = routes.filter(
  (route) =>
    route.method === 'GET' &&
    /^\/(v1\.0|v2|v3|v4|console\/api)\//.test(route.url) &&
    !route.url.includes(':'),
);

describe('owner credential', () => {
  it.skipIf(plainAuthenticatedGets.length === 0)(
    'is accepted, so the probes reach the handlers',
    async () => {
      const token = await ownerToken();
      const statuses = await Promise.all(
        plainAuthenticatedGets.map(async (route) => {
          const response = await t.app.inject({
            method: 'GET',
            url: route.url,
            headers: { 'x-auth-token': token },
          });
          return response.statusCode;
        }),
      );
      expect(statuses.filter((status) => status !== 401).length).toBeGreaterThan(0);
    },
  );
});

describe.each(routes.map((route) => [`${route.method} ${route.url}`, route] as const))(
  'hostile input on %s',
  (_name, route) => {
    it('never answers 5xx, always in the error shape, always with X-Request-Id', async () => {
      // A fresh tenant per route: a route that revokes or disables its caller cannot starve
      // the routes after it of a working credential.
      const token = await ownerToken();
      const problems: string[] = [];
      for (const probe of probesFor(route)) {
        // Past the body parser, an anonymous caller of a protected route only ever meets the
        // authentication check, which the plain request already covers.
        const plain = probe.label === 'plain request';
        const callers = probe.beforeAuth
          ? [undefined]
          : route.isPublic || plain
            ? [undefined, token]
            : [token];
        for (const credential of callers) {
          const problem = await send(route, probe, credential);
          if (problem) problems.push(problem);
        }
      }
      expect(problems).toEqual([]);
    });
  },
);
