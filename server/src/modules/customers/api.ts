import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import {
  checkUserIdentity,
  createSubCustomer,
  listNewCustomerTags,
  listSubCustomers,
  sendVerificationCode,
} from './service/index.ts';
import {
  CheckIdentityRequestSchema,
  CheckIdentityResponseSchema,
  CreateCustomerRequestSchema,
  CreateCustomerResponseSchema,
  fromWireCreateCustomer,
  fromWireListCustomers,
  fromWireSendCode,
  ListCustomersRequestSchema,
  ListCustomersResponseSchema,
  NewTagsRequestSchema,
  NewTagsResponseSchema,
  SendCodeRequestSchema,
  toWireCreatedCustomer,
  toWireCustomerInfo,
  toWireCustomerTag,
  toWireIdentityCheck,
} from './wire.ts';

const tags = ['Customer management'];

/** The open API of customer management (catalog group 1), Huawei paths and field names. */
export function registerCustomersApi(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/v2/partners/sub-customers/users/check-identity',
    {
      schema: {
        tags,
        summary: 'CheckUserIdentity: is an account name, e-mail or mobile still available',
        body: CheckIdentityRequestSchema,
        response: { 200: CheckIdentityResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireIdentityCheck(
        await checkUserIdentity(authenticatedContextOf(request), {
          searchType: request.body.search_type,
          searchValue: request.body.search_value,
        }),
      ),
  );

  api.post(
    '/v2/bases/verificationcode/send',
    {
      schema: {
        tags,
        summary: 'SendVerificationMessageCode: a 6-digit code for CreateSubCustomer',
        body: SendCodeRequestSchema,
        response: {
          204: Type.Null({ description: 'Sent; no body' }),
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      await sendVerificationCode(
        authenticatedContextOf(request),
        fromWireSendCode(request.body),
        request.server.mailer,
      );
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/v2/partners/sub-customers',
    {
      schema: {
        tags,
        summary: 'CreateSubCustomer: create a customer account bound to the partner',
        body: CreateCustomerRequestSchema,
        response: { 200: CreateCustomerResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireCreatedCustomer(
        await createSubCustomer(
          authenticatedContextOf(request),
          fromWireCreateCustomer(request.body),
        ),
      ),
  );

  api.post(
    '/v2/partners/sub-customers/query',
    {
      schema: {
        tags,
        summary: 'ListSubCustomers: the partner’s customers, filtered and paged',
        body: ListCustomersRequestSchema,
        response: { 200: ListCustomersResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await listSubCustomers(
        authenticatedContextOf(request),
        fromWireListCustomers(request.body),
        toPage(request.body),
      );
      return { customer_infos: result.items.map(toWireCustomerInfo), count: result.totalCount };
    },
  );

  api.post(
    '/v2/partners/sub-customers/new-customers-tags/batch-query',
    {
      schema: {
        tags,
        summary: 'ListSubCustomerNewTag: the SMB new-customer tag of customers',
        body: NewTagsRequestSchema,
        response: { 200: NewTagsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const found = await listNewCustomerTags(
        authenticatedContextOf(request),
        {
          customerIds: request.body.customer_ids,
          indirectPartnerId: request.body.indirect_partner_id,
        },
        toPage(request.body),
      );
      return { new_customer_tags: found.map(toWireCustomerTag) };
    },
  );
}
