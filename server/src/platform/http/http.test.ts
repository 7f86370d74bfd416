import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';

describe('HTTP platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /healthz with the database reachable and an X-Request-Id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes 404 in the Huawei error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v2/nothing/here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error_code: 'CBC.0404',
      error_msg: 'API not exist or not published: GET /v2/nothing/here',
    });
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('serves Prometheus metrics', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('huoban_http_request_duration_seconds');
  });

  it('serves the OpenAPI document', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ openapi: '3.0.3', info: { title: 'Huoban open API' } });
  });
});
