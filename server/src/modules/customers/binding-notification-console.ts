import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ExportFileResponseSchema, sendExportFile } from '../../platform/exports/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import {
  BindingCallbackSchema,
  BindingNotificationSchema,
  ExportBindingNotificationsQuerySchema,
  fromWireNotificationFilters,
  ListBindingNotificationsQuerySchema,
  ListBindingNotificationsResponseSchema,
  toWireBindingNotification,
} from './binding-notification-wire.ts';
import {
  exportBindingNotifications,
  getBindingCallback,
  listBindingNotifications,
  sendTestBindingNotification,
  setBindingCallback,
} from './service/binding-notification-log.ts';

const tags = ['Console partner information'];

/** 支持 > 能力开放 > 接入配置 (P-70): the binding callback URL, its test and the delivery log. */
export function registerBindingNotificationConsoleRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/partner/binding-callback',
    {
      schema: {
        tags,
        summary: 'The "通知结果绑定地址" binding notifications are POSTed to',
        response: { 200: BindingCallbackSchema, ...errorResponses() },
      },
    },
    async (request) => getBindingCallback(authenticatedContextOf(request)),
  );

  api.put(
    '/console/api/partner/binding-callback',
    {
      schema: {
        tags,
        summary: 'Set the callback URL, or clear it with ""',
        body: BindingCallbackSchema,
        response: { 200: BindingCallbackSchema, ...errorResponses() },
      },
    },
    async (request) => setBindingCallback(authenticatedContextOf(request), request.body.url),
  );

  api.post(
    '/console/api/partner/binding-callback/test',
    {
      schema: {
        tags,
        summary: 'Queue a signed test notification (bindAction "0", a demo customer)',
        response: { 200: BindingNotificationSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireBindingNotification(await sendTestBindingNotification(authenticatedContextOf(request))),
  );

  api.get(
    '/console/api/partner/binding-notifications',
    {
      schema: {
        tags,
        summary: 'The delivery log of binding notifications, newest first',
        querystring: ListBindingNotificationsQuerySchema,
        response: { 200: ListBindingNotificationsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await listBindingNotifications(
        authenticatedContextOf(request),
        fromWireNotificationFilters(request.query),
        toPage(request.query),
      );
      return {
        total_count: page.totalCount,
        notifications: page.items.map(toWireBindingNotification),
      };
    },
  );

  api.get(
    '/console/api/partner/binding-notifications/export',
    {
      schema: {
        tags,
        summary: 'Download the filtered delivery log as CSV or XLSX',
        querystring: ExportBindingNotificationsQuerySchema,
        response: {
          200: ExportFileResponseSchema,
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const file = await exportBindingNotifications(
        authenticatedContextOf(request),
        fromWireNotificationFilters(request.query),
        request.query.format ?? 'csv',
      );
      return sendExportFile(reply, file);
    },
  );
}
