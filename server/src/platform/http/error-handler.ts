import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sqlStateOf } from '../db/index.ts';
import { ApiError, Errors, type ErrorDefinition } from './errors.ts';

interface ErrorBody {
  error_code: string;
  error_msg: string;
}

/** PostgreSQL SQLSTATE classes that mean "the input was wrong", not "the server broke". */
const clientSqlStates: Record<string, ErrorDefinition> = {
  '23505': Errors.CONFLICT,
  '23503': Errors.CONFLICT,
  '22001': Errors.INVALID_PARAMETER,
  '22003': Errors.INVALID_PARAMETER,
  '22007': Errors.INVALID_PARAMETER,
  '22008': Errors.INVALID_PARAMETER,
  '22P02': Errors.INVALID_PARAMETER,
  '22021': Errors.INVALID_PARAMETER,
};

/** Fastify's own error codes that are the client's fault. */
const fastifyClientErrors: Record<string, ErrorDefinition> = {
  FST_ERR_CTP_BODY_TOO_LARGE: Errors.PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: Errors.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: Errors.INVALID_PARAMETER,
  FST_ERR_CTP_EMPTY_JSON_BODY: Errors.INVALID_PARAMETER,
  FST_ERR_CTP_INVALID_JSON_BODY: Errors.INVALID_PARAMETER,
};

function send(reply: FastifyReply, status: number, body: ErrorBody): void {
  void reply.code(status).type('application/json;charset=UTF-8').send(body);
}

/** Names the offending field of an Ajv validation error, e.g. `body.offset` or `querystring.limit`. */
function describeValidation(error: FastifyError): string {
  const first = error.validation?.[0];
  const where = error.validationContext ?? 'body';
  if (!first) return error.message;
  const params: Record<string, unknown> = first.params;
  const path = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const extra =
    typeof params.missingProperty === 'string'
      ? params.missingProperty
      : typeof params.additionalProperty === 'string'
        ? params.additionalProperty
        : '';
  const field = [where, path, extra].filter(Boolean).join('.');
  const reason =
    typeof params.additionalProperty === 'string'
      ? 'is not a known field'
      : typeof params.missingProperty === 'string'
        ? 'is required'
        : (first.message ?? 'is invalid');
  return `Invalid parameter: field '${field}' ${reason}`;
}

export interface ErrorHandlingOptions {
  /** Answers a browser navigation to a console route with the single-page app's index.html. */
  serveConsolePage?: (reply: FastifyReply) => void;
}

/** A browser asking for a console page (client-side route), not an API call or an asset. */
function isConsolePageRequest(request: FastifyRequest): boolean {
  if (request.method !== 'GET') return false;
  const path = request.url.split('?')[0] ?? '';
  if (/^\/(v1\.0|v2|v3|v4|console\/api|docs|openapi\.json|metrics|healthz)(\/|$)/.test(path))
    return false;
  if (/\.[a-z0-9]+$/i.test(path)) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * Fastify's `frameworkErrors` option: failures found while routing, before any hook runs (a path
 * with broken percent-encoding, a path parameter over the router's length limit). They get the
 * same body and X-Request-Id as every other answer.
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  void reply.header('X-Request-Id', request.id);
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    send(reply, Errors.INVALID_PARAMETER.status, {
      error_code: Errors.INVALID_PARAMETER.code,
      error_msg: `${Errors.INVALID_PARAMETER.message}: the URL path is malformed or a path parameter is too long`,
    });
    return;
  }
  request.log.error({ err: error }, 'routing failed');
  send(reply, Errors.INTERNAL.status, {
    error_code: Errors.INTERNAL.code,
    error_msg: `${Errors.INTERNAL.message}; request id ${request.id}`,
  });
}

/**
 * The single place where failures become HTTP answers in Huawei's body shape. Client mistakes
 * are 4xx with a message naming the field; anything else is a 500 whose details stay in the log.
 */
export function registerErrorHandling(
  app: FastifyInstance,
  options: ErrorHandlingOptions = {},
): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ApiError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      send(reply, error.status, { error_code: error.code, error_msg: error.message });
      return;
    }
    if (error.validation) {
      send(reply, 400, {
        error_code: Errors.INVALID_PARAMETER.code,
        error_msg: describeValidation(error),
      });
      return;
    }
    const fastifyDefinition = fastifyClientErrors[error.code];
    if (fastifyDefinition) {
      const detail = error.code.includes('JSON') ? 'the body is not valid JSON' : error.message;
      send(reply, fastifyDefinition.status, {
        error_code: fastifyDefinition.code,
        error_msg: `${fastifyDefinition.message}: ${detail}`,
      });
      return;
    }
    if (error instanceof SyntaxError) {
      send(reply, 400, {
        error_code: Errors.INVALID_PARAMETER.code,
        error_msg: 'Invalid parameter: the body is not valid JSON',
      });
      return;
    }
    const state = sqlStateOf(error);
    const sqlDefinition = state ? clientSqlStates[state] : undefined;
    if (sqlDefinition) {
      request.log.warn({ err: error, sqlState: state }, 'database rejected the request');
      send(reply, sqlDefinition.status, {
        error_code: sqlDefinition.code,
        error_msg: sqlDefinition.message,
      });
      return;
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      send(reply, error.statusCode, {
        error_code: Errors.INVALID_PARAMETER.code,
        error_msg: `${Errors.INVALID_PARAMETER.message}: ${error.message}`,
      });
      return;
    }
    request.log.error({ err: error }, 'unexpected error');
    send(reply, 500, {
      error_code: Errors.INTERNAL.code,
      error_msg: `${Errors.INTERNAL.message}; request id ${request.id}`,
    });
  });

  app.setNotFoundHandler((request, reply) => {
    if (options.serveConsolePage && isConsolePageRequest(request)) {
      options.serveConsolePage(reply);
      return;
    }
    send(reply, 404, {
      error_code: Errors.NOT_FOUND.code,
      error_msg: `API not exist or not published: ${request.method} ${request.url.split('?')[0] ?? ''}`,
    });
  });
}
