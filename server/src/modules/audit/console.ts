import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ExportFileResponseSchema, sendExportFile } from '../../platform/exports/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import { exportAuditEvents, listAuditEvents } from './service.ts';
import {
  ExportAuditEventsQuerySchema,
  fromWireAuditFilters,
  ListAuditEventsQuerySchema,
  ListAuditEventsResponseSchema,
  toWireAuditEvent,
} from './wire.ts';

const tags = ['Console audit'];

/** Console routes of the operation trail: the event list and its export. */
export function registerAuditConsoleRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/audit/events',
    {
      schema: {
        tags,
        summary: 'Operation trail of the partner account, newest first',
        querystring: ListAuditEventsQuerySchema,
        response: { 200: ListAuditEventsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await listAuditEvents(
        authenticatedContextOf(request),
        fromWireAuditFilters(request.query),
        toPage(request.query),
      );
      return { total_count: page.totalCount, events: page.items.map(toWireAuditEvent) };
    },
  );

  api.get(
    '/console/api/audit/events/export',
    {
      schema: {
        tags,
        summary: 'Download the matching events as CSV or XLSX (newest first, at most 100 000)',
        querystring: ExportAuditEventsQuerySchema,
        response: {
          200: ExportFileResponseSchema,
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const file = await exportAuditEvents(
        authenticatedContextOf(request),
        fromWireAuditFilters(request.query),
        request.query.format ?? 'csv',
      );
      return sendExportFile(reply, file);
    },
  );
}
