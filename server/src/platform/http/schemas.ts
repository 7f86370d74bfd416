import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** The Huawei error body; every route declares it for its 4xx/5xx answers. */
export const ErrorBodySchema = Type.Object(
  {
    error_code: Type.String({ description: 'Error code, e.g. CBC.0100' }),
    error_msg: Type.String({ description: 'Human-readable message' }),
  },
  { $id: 'ErrorBody', additionalProperties: false },
);

/** Offset/limit paging as the v2 partner APIs spell it. `maxLimit` is per operation. */
export function pagingProperties(maxLimit = 200) {
  return {
    offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 2_147_483_646,
        default: 0,
        description: 'Records to skip',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: maxLimit, default: 10, description: 'Page size' }),
    ),
  };
}

export interface Page {
  offset: number;
  limit: number;
}

/** Reads offset/limit after validation, applying the documented defaults. */
export function toPage(query: { offset?: number | undefined; limit?: number | undefined }): Page {
  return { offset: query.offset ?? 0, limit: query.limit ?? 10 };
}

export interface PagedResult<T> {
  items: T[];
  totalCount: number;
}

/** Standard error answers a route declares beside its success schema. */
export function errorResponses(): Record<number, TSchema> {
  const errorBody = Type.Unsafe<ErrorBody>(Type.Ref('ErrorBody'));
  return { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
}

/** UTC timestamp as Huawei writes it: `2019-05-06T08:05:01Z`. */
export function toWireTime(value: Date | null | undefined): string | undefined {
  if (!value) return undefined;
  return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const WireTimeSchema = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$',
  description: "UTC time, yyyy-MM-dd'T'HH:mm:ss'Z'",
});

export type ErrorBody = Static<typeof ErrorBodySchema>;
