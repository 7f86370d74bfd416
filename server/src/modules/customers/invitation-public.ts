import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { contextOf } from '../../platform/http/request-context.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import {
  associateThroughInvitation,
  getInvitationInfo,
  registerThroughInvitation,
  sendAcceptanceCode,
} from './service/acceptance.ts';
import {
  AcceptanceResultSchema,
  AssociateRequestSchema,
  InvitationInfoSchema,
  RegisterRequestSchema,
  SendCodeRequestSchema,
  SendCodeResponseSchema,
  TokenParamsSchema,
  toWireAcceptance,
  toWireCodeSent,
  toWireInvitationInfo,
} from './invitation-wire.ts';

const tags = ['Invitation acceptance (public)'];
const BASE = '/console/api/invitations/:token';

function publicErrors() {
  return { ...errorResponses(), 429: Type.Ref('ErrorBody') };
}

/**
 * The public acceptance page's routes (no partner login; the link's token is the credential): a
 * new customer registers with an e-mailed code, an existing one associates with its password.
 */
export function registerInvitationPublicRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    BASE,
    {
      config: { auth: false },
      schema: {
        tags,
        summary: 'What an invitation link offers: partner, association type, validity, notice',
        params: TokenParamsSchema,
        response: { 200: InvitationInfoSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireInvitationInfo(await getInvitationInfo(contextOf(request), request.params.token)),
  );

  api.post(
    `${BASE}/code`,
    {
      config: { auth: false },
      schema: {
        tags,
        summary: 'Mail a 6-digit code (10 minutes, single use) to the address to register with',
        params: TokenParamsSchema,
        body: SendCodeRequestSchema,
        response: { 200: SendCodeResponseSchema, ...publicErrors() },
      },
    },
    async (request) =>
      toWireCodeSent(
        await sendAcceptanceCode(
          contextOf(request),
          request.params.token,
          { email: request.body.email },
          request.server.mailer,
        ),
      ),
  );

  api.post(
    `${BASE}/register`,
    {
      config: { auth: false },
      schema: {
        tags,
        summary: 'Register a new account and associate it; a refused association is an outcome',
        params: TokenParamsSchema,
        body: RegisterRequestSchema,
        response: { 200: AcceptanceResultSchema, ...publicErrors() },
      },
    },
    async (request) =>
      toWireAcceptance(
        await registerThroughInvitation(contextOf(request), request.params.token, {
          accountName: request.body.account_name,
          password: request.body.password,
          email: request.body.email,
          verificationCode: request.body.verification_code,
          acceptNotice: request.body.accept_notice,
        }),
      ),
  );

  api.post(
    `${BASE}/associate`,
    {
      config: { auth: false },
      schema: {
        tags,
        summary: 'Associate an existing account (name and password) with the inviting partner',
        params: TokenParamsSchema,
        body: AssociateRequestSchema,
        response: { 200: AcceptanceResultSchema, ...publicErrors() },
      },
    },
    async (request) =>
      toWireAcceptance(
        await associateThroughInvitation(contextOf(request), request.params.token, {
          accountName: request.body.account_name,
          password: request.body.password,
          acceptNotice: request.body.accept_notice,
        }),
      ),
  );
}
