import { Type, type Static } from '@sinclair/typebox';
import { exportFormats } from '../../platform/exports/index.ts';
import { pagingProperties, toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import { bindActions, notificationStatuses } from './schema.ts';
import type {
  BindingNotificationFilters,
  BindingNotificationView,
} from './service/binding-notification-log.ts';

export const BindingCallbackSchema = Type.Object(
  {
    url: Type.String({
      maxLength: 1024,
      description: '通知结果绑定地址: absolute http(s) URL; "" clears it (no notifications)',
    }),
  },
  { additionalProperties: false },
);

const StatusSchema = Type.Union(
  notificationStatuses.map((status) => Type.Literal(status)),
  { description: 'pending (more attempts to come), delivered, failed (every attempt used)' },
);
const BindActionSchema = Type.Union(
  bindActions.map((action) => Type.Literal(action)),
  { description: '"0" bound, "1" unbound' },
);

export const BindingNotificationSchema = Type.Object(
  {
    id: Type.String(),
    customer_id: Type.Union([Type.String(), Type.Null()], { description: 'null for a test' }),
    domain_name: Type.String({ description: 'The customer account name that was sent' }),
    x_user_id: Type.String({ description: 'xUserId that was sent' }),
    bind_action: BindActionSchema,
    url: Type.String(),
    is_test: Type.Boolean(),
    status: StatusSchema,
    attempts: Type.Integer(),
    last_attempt_at: Type.Optional(WireTimeSchema),
    last_response_status: Type.Union([Type.Integer(), Type.Null()], {
      description: "HTTP status of the partner's last answer; null when it did not answer",
    }),
    last_error: Type.String({ description: 'Why the last attempt failed; "" when delivered' }),
    delivered_at: Type.Optional(WireTimeSchema),
    created_at: WireTimeSchema,
  },
  { additionalProperties: false },
);

const filterProperties = {
  status: Type.Optional(StatusSchema),
  bind_action: Type.Optional(BindActionSchema),
  is_test: Type.Optional(Type.Boolean()),
  domain_name: Type.Optional(
    Type.String({ maxLength: 64, description: 'Part of the customer name, any case' }),
  ),
};

export const ListBindingNotificationsQuerySchema = Type.Object(
  { ...pagingProperties(100), ...filterProperties },
  { additionalProperties: false },
);

export const ExportBindingNotificationsQuerySchema = Type.Object(
  {
    ...filterProperties,
    format: Type.Optional(Type.Union(exportFormats.map((format) => Type.Literal(format)))),
  },
  { additionalProperties: false },
);

export const ListBindingNotificationsResponseSchema = Type.Object(
  {
    total_count: Type.Integer(),
    notifications: Type.Array(BindingNotificationSchema),
  },
  { additionalProperties: false },
);

export type BindingNotificationWire = Static<typeof BindingNotificationSchema>;

export function fromWireNotificationFilters(
  query: Static<typeof ExportBindingNotificationsQuerySchema>,
): BindingNotificationFilters {
  return {
    status: query.status,
    bindAction: query.bind_action,
    isTest: query.is_test,
    domainName: query.domain_name,
  };
}

export function toWireBindingNotification(view: BindingNotificationView): BindingNotificationWire {
  return {
    id: view.id,
    customer_id: view.customerId,
    domain_name: view.domainName,
    x_user_id: view.xUserId,
    bind_action: view.bindAction,
    url: view.url,
    is_test: view.isTest,
    status: view.status,
    attempts: view.attempts,
    last_attempt_at: toWireTime(view.lastAttemptAt),
    last_response_status: view.lastResponseStatus,
    last_error: view.lastError,
    delivered_at: toWireTime(view.deliveredAt),
    created_at: toWireTime(view.createdAt) ?? '',
  };
}
