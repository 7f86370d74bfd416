import { Type, type Static } from '@sinclair/typebox';
import { auditSources } from '../../platform/audit/index.ts';
import { exportFormats } from '../../platform/exports/index.ts';
import { pagingProperties, toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import type { AuditEvent, AuditFilters } from './service.ts';

/** Console wire shapes of the operation trail. */

const filterProperties = {
  event_type: Type.Optional(
    Type.String({ maxLength: 32, description: 'ConsoleAction, ApiCall or SystemEvent' }),
  ),
  event_source: Type.Optional(
    Type.Union(
      auditSources.map((source) => Type.Literal(source)),
      { description: 'Where the write came from' },
    ),
  ),
  resource_type: Type.Optional(Type.String({ maxLength: 64 })),
  resource_id: Type.Optional(Type.String({ maxLength: 128 })),
  resource_name: Type.Optional(
    Type.String({ maxLength: 255, description: 'Part of the resource name' }),
  ),
  actor: Type.Optional(
    Type.String({ maxLength: 255, description: 'Part of the actor name, or the actor id' }),
  ),
  action: Type.Optional(
    Type.String({ maxLength: 96, description: 'Dotted verb, e.g. org.member.create' }),
  ),
  from: Type.Optional(
    Type.String({ maxLength: 32, description: 'Earliest time (UTC), inclusive' }),
  ),
  to: Type.Optional(Type.String({ maxLength: 32, description: 'Latest time (UTC), inclusive' })),
};

const AuditFilterQuerySchema = Type.Object(filterProperties);

export const ListAuditEventsQuerySchema = Type.Composite(
  [Type.Object(pagingProperties()), AuditFilterQuerySchema],
  { additionalProperties: false },
);

export const ExportAuditEventsQuerySchema = Type.Composite(
  [
    Type.Object({
      format: Type.Optional(
        Type.Union(
          exportFormats.map((format) => Type.Literal(format)),
          { default: 'csv', description: 'File format' },
        ),
      ),
    }),
    AuditFilterQuerySchema,
  ],
  { additionalProperties: false },
);

/** Both the list and the export query carry the filters. */
export function fromWireAuditFilters(query: Static<typeof AuditFilterQuerySchema>): AuditFilters {
  return {
    eventType: query.event_type,
    eventSource: query.event_source,
    resourceType: query.resource_type,
    resourceId: query.resource_id,
    resourceName: query.resource_name,
    actor: query.actor,
    action: query.action,
    from: query.from,
    to: query.to,
  };
}

const JsonObjectSchema = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]);

export const AuditEventSchema = Type.Object({
  id: Type.String(),
  event_type: Type.String(),
  event_source: Type.String(),
  action: Type.String(),
  resource_type: Type.String(),
  resource_id: Type.String(),
  resource_name: Type.String(),
  actor_type: Type.String(),
  actor_id: Type.String(),
  actor_name: Type.String(),
  before: JsonObjectSchema,
  after: JsonObjectSchema,
  request_id: Type.String(),
  source_ip: Type.String(),
  occurred_at: WireTimeSchema,
});

export const ListAuditEventsResponseSchema = Type.Object({
  total_count: Type.Integer(),
  events: Type.Array(AuditEventSchema),
});

export function toWireAuditEvent(event: AuditEvent): Static<typeof AuditEventSchema> {
  return {
    id: event.id,
    event_type: event.eventType,
    event_source: event.eventSource,
    action: event.action,
    resource_type: event.resourceType,
    resource_id: event.resourceId,
    resource_name: event.resourceName,
    actor_type: event.actorType,
    actor_id: event.actorId,
    actor_name: event.actorName,
    before: event.before,
    after: event.after,
    request_id: event.requestId,
    source_ip: event.sourceIp,
    occurred_at: toWireTime(event.occurredAt) ?? '',
  };
}
