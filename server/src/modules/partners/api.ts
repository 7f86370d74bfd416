import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import { listIndirectPartners } from './service/index.ts';
import {
  fromWireIndirectPartnerFilters,
  ListIndirectPartnersRequestSchema,
  ListIndirectPartnersResponseSchema,
  toWireIndirectPartner,
} from './wire.ts';

const resellerTags = ['Reseller management'];

/** Open API routes of the partners module (Huawei BSS v2 wire shapes). */
export function registerPartnersApi(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/v2/partners/indirect-partners/query',
    {
      schema: {
        tags: resellerTags,
        summary: 'ListIndirectPartners: resellers bound to the calling tier-1 distributor',
        body: ListIndirectPartnersRequestSchema,
        response: { 200: ListIndirectPartnersResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const body = request.body;
      const page = await listIndirectPartners(
        authenticatedContextOf(request),
        fromWireIndirectPartnerFilters(body),
        toPage(body),
      );
      return { count: page.totalCount, indirect_partners: page.items.map(toWireIndirectPartner) };
    },
  );
}
