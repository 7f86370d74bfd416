import type { ChannelEvent, Channels } from '../db/index.ts';
import type { PrincipalDirectory } from './directory.ts';
import type { Principal, PrincipalRef } from './principal.ts';

/** The channel the database notifies when a table a member principal is built from changes. */
export const PRINCIPALS_CHANNEL = 'huoban_principals';
const MAX_ENTRIES = 10_000;

/**
 * Member principals kept between requests, so an authenticated request does not load the
 * partner, the member and the roles again. Correctness rests on the database: triggers on those
 * tables notify PRINCIPALS_CHANNEL on every committed change (migration 0017), and any
 * notification drops every entry; a change committed by this process is heard before its commit
 * returns, so a disabled member or a changed role still takes effect on the very next request.
 *
 * A load that was under way when a notification came may have read the old rows, so it is
 * returned but not kept (the generation check). While notifications cannot be delivered (the
 * listening connection is down) nothing is served from or kept in the cache.
 *
 * Customer principals are not cached: they are built from the customers table, which changes
 * all the time for reasons that do not touch the principal.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Principal>();
  private generation = 0;
  private live = false;

  /** Takes in a channel event; exposed for the channel subscription and for tests. */
  hear(event: ChannelEvent): void {
    this.generation++;
    this.entries.clear();
    if (event === 'resumed') this.live = true;
    if (event === 'interrupted') this.live = false;
  }

  async load(
    ref: PrincipalRef,
    loader: () => Promise<Principal | null>,
  ): Promise<Principal | null> {
    const key = `${ref.partnerId}/${ref.id}`;
    if (this.live) {
      const cached = this.entries.get(key);
      if (cached) return cached;
    }
    const generation = this.generation;
    const loaded = await loader();
    if (loaded && this.live && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, loaded);
    }
    return loaded;
  }
}

/**
 * The directory with member principals served from a PrincipalCache fed by the database's change
 * notifications. Resolves once listening; `stop` ends the subscription.
 */
export async function cachingDirectory(
  directory: PrincipalDirectory,
  channels: Channels,
): Promise<{ directory: PrincipalDirectory; stop: () => Promise<void> }> {
  const cache = new PrincipalCache();
  const stop = await channels.listen(PRINCIPALS_CHANNEL, (event) => cache.hear(event));
  return {
    directory: {
      ...directory,
      async loadPrincipal(db, ref, method) {
        if (ref.type !== 'member') return directory.loadPrincipal(db, ref, method);
        const principal = await cache.load(ref, () => directory.loadPrincipal(db, ref, method));
        return principal && { ...principal, authMethod: method };
      },
    },
    stop,
  };
}
