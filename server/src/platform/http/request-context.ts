import type { FastifyRequest } from 'fastify';
import type { AuditSource } from '../audit/schema.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock/index.ts';
import type { Db } from '../db/index.ts';
import type { AuthenticatedContext, ServiceContext } from './context.ts';
import { requirePrincipal } from './context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Exact bytes of the body, kept for signature verification (the parsed JSON is `body`). */
    rawBody: Buffer | undefined;
    principal: Principal | null;
  }
  interface FastifyInstance {
    db: Db;
    clock: Clock;
  }
}

/** The source the audit trail records: console routes vs the open API. */
function sourceOf(request: FastifyRequest): AuditSource {
  return request.url.startsWith('/console/') ? 'console' : 'api';
}

/** Builds the service context for a request; routes call this and pass it to one service function. */
export function contextOf(request: FastifyRequest): ServiceContext {
  return {
    db: request.server.db,
    clock: request.server.clock,
    requestId: request.id,
    sourceIp: request.ip,
    source: sourceOf(request),
    log: request.log,
    principal: request.principal,
  };
}

/** Like `contextOf`, for routes that require a caller (the auth hook has already enforced it). */
export function authenticatedContextOf(request: FastifyRequest): AuthenticatedContext {
  const ctx = contextOf(request);
  return { ...ctx, principal: requirePrincipal(ctx) };
}
