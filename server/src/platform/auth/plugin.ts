import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, Errors } from '../http/errors.ts';
import type { PrincipalDirectory } from './directory.ts';
import type { Keyring } from './keyring.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` for public routes (health, login, sign-up); every other route needs a caller. */
    auth?: false;
  }
}

export interface AuthDependencies {
  directory: PrincipalDirectory;
  keyring: Keyring;
}

/** API routes need a caller unless they opt out; docs, static console files and 404s do not. */
function requiresAuthentication(request: FastifyRequest): boolean {
  if (request.is404 || request.routeOptions.config.auth === false) return false;
  const url = request.routeOptions.url ?? '';
  return /^\/(v1\.0|v2|v3|v4|console\/api)\//.test(url);
}

/** Authenticates every request that reaches a route, before its handler runs. */
export function registerAuthentication(app: FastifyInstance, _deps: AuthDependencies): void {
  app.decorateRequest('principal', null);
  app.addHook('preHandler', async (request) => {
    if (!requiresAuthentication(request)) return;
    throw new ApiError(Errors.AUTHENTICATION_REQUIRED);
  });
}
