import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import {
  getOperationVerification,
  sendOperationCode,
  setOperationVerification,
} from './service/operation-codes.ts';

const tags = ['Console partner'];

const SettingSchema = Type.Object(
  {
    enabled: Type.Boolean({
      description: '验证码验证: console money moves need a code mailed to the member',
    }),
  },
  { additionalProperties: false },
);

const SentCodeSchema = Type.Object(
  {
    email: Type.String({ description: 'Where the code went' }),
    expire_time: WireTimeSchema,
  },
  { additionalProperties: false },
);

/**
 * 验证码验证 (X4, P-80): the partner's switch, and the code a member requests before 拨款/回收 or
 * a coupon issue/reclaim in the console (sent back in the `X-Verification-Code` header).
 */
export function registerOperationCodeRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/partner/operation-verification',
    {
      schema: {
        tags,
        summary: 'Whether 验证码验证 is on for the partner',
        response: { 200: SettingSchema, ...errorResponses() },
      },
    },
    async (request) => getOperationVerification(authenticatedContextOf(request)),
  );

  api.put(
    '/console/api/partner/operation-verification',
    {
      schema: {
        tags,
        summary: 'Switch 验证码验证 on or off (main account only)',
        body: SettingSchema,
        response: { 200: SettingSchema, ...errorResponses() },
      },
    },
    async (request) =>
      setOperationVerification(authenticatedContextOf(request), request.body.enabled),
  );

  api.post(
    '/console/api/operation-codes',
    {
      schema: {
        tags,
        summary: 'Mail the caller a single-use code for one money move (10 minutes)',
        response: { 200: SentCodeSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const sent = await sendOperationCode(authenticatedContextOf(request), request.server.mailer);
      return { email: sent.email, expire_time: toWireTime(sent.expiresAt) ?? '' };
    },
  );
}
