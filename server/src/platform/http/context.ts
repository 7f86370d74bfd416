import type { FastifyBaseLogger } from 'fastify';
import type { AuditSource } from '../audit/schema.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock/index.ts';
import type { Db } from '../db/index.ts';
import { ApiError, Errors } from './errors.ts';

/**
 * Everything a service function needs about the request it serves. Routes build it; services take
 * it as their first argument and never see HTTP.
 */
export interface ServiceContext {
  db: Db;
  clock: Clock;
  requestId: string;
  sourceIp: string;
  source: AuditSource;
  log: FastifyBaseLogger;
  principal: Principal | null;
}

/** A context whose caller is known. */
export interface AuthenticatedContext extends ServiceContext {
  principal: Principal;
}

/** Narrows a context to an authenticated one or fails with 401. */
export function requirePrincipal(ctx: ServiceContext): Principal {
  if (!ctx.principal) throw new ApiError(Errors.AUTHENTICATION_REQUIRED);
  return ctx.principal;
}
