import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Named statements a connection keeps at most. Lists with a variable number of ids produce a new
 * text per length, so the set of texts is open-ended; once a connection holds this many, further
 * new texts run unnamed as before (the hot statements are the early, frequent ones).
 */
export const MAX_PREPARED_PER_CONNECTION = 500;
/** Texts whose names are remembered, so a hot statement is not hashed on every call. */
const MAX_REMEMBERED_NAMES = 2_000;

const names = new Map<string, string>();

/** A stable statement name for `text`: the same on every connection and in every process. */
export function statementName(text: string): string {
  const known = names.get(text);
  if (known !== undefined) return known;
  const name = `h${createHash('sha1').update(text).digest('base64url')}`;
  if (names.size < MAX_REMEMBERED_NAMES) names.set(text, name);
  return name;
}

interface QueryConfigLike {
  text: string;
  name?: string | undefined;
}

function isPlainConfig(config: unknown): config is QueryConfigLike {
  return (
    typeof config === 'object' &&
    config !== null &&
    typeof (config as { text?: unknown }).text === 'string' &&
    // A Submittable (pg.Query, a cursor) drives the protocol itself.
    typeof (config as { submit?: unknown }).submit !== 'function'
  );
}

type Query = pg.Client['query'];

/**
 * A node-postgres client that runs every parameterised statement as a named prepared statement
 * (the name is a hash of its text), so PostgreSQL parses it once per connection and, for the
 * statements whose plan does not depend on the values, plans it once too (plan_cache_mode auto
 * switches to a generic plan only where that plan costs no more than the custom ones).
 *
 * Only queries with parameters are named: they already use the extended protocol, so nothing
 * changes for them but the reuse, while parameterless texts (transaction control, migration
 * scripts with several statements) keep the simple protocol. A schema change invalidates the
 * cached plans in PostgreSQL itself; migrations run before the server serves, and the
 * application's statements name their columns, so a cached statement's result shape is stable.
 */
export class PreparingClient extends pg.Client {
  private readonly prepared = new Set<string>();
  private readonly baseQuery = pg.Client.prototype.query.bind(this) as (
    ...args: unknown[]
  ) => unknown;

  override query: Query = ((config: unknown, values?: unknown, callback?: unknown) => {
    const callQuery = this.baseQuery;
    const parameters = Array.isArray(values)
      ? values
      : isPlainConfig(config)
        ? (config as { values?: unknown }).values
        : undefined;
    if (!Array.isArray(parameters) || parameters.length === 0) {
      return callQuery(config, values, callback);
    }
    const text = typeof config === 'string' ? config : isPlainConfig(config) ? config.text : null;
    if (text === null || (isPlainConfig(config) && config.name)) {
      return callQuery(config, values, callback);
    }
    const name = statementName(text);
    if (!this.prepared.has(name)) {
      if (this.prepared.size >= MAX_PREPARED_PER_CONNECTION) {
        return callQuery(config, values, callback);
      }
      this.prepared.add(name);
    }
    const named =
      typeof config === 'string' ? { text, name } : { ...(config as QueryConfigLike), name };
    return callQuery(named, values, callback);
  }) as Query;
}
