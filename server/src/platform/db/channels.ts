import pg from 'pg';

/**
 * What a channel listener hears: `resumed`, delivery works from now on (heard first, once
 * listening starts, and again after an interruption: anything may have changed meanwhile);
 * `notified`, a change was committed, by this process or another; `interrupted`, delivery stopped
 * (the listening connection dropped), so changes may go unheard until the next `resumed`.
 */
export type ChannelEvent = 'notified' | 'interrupted' | 'resumed';
export type ChannelListener = (event: ChannelEvent) => void;

/** PostgreSQL LISTEN/NOTIFY as the application uses it: payload-free change signals. */
export interface Channels {
  /**
   * Starts listening. The listener hears `resumed` once delivery works (before this resolves,
   * unless the database cannot be reached now) and can stop with the returned function.
   */
  listen(channel: string, listener: ChannelListener): Promise<() => Promise<void>>;
}

/** Channel names the database's own triggers notify; `pg_notify` takes them as plain text. */
const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

function assertChannelName(channel: string): void {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`Invalid channel name: ${channel}`);
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;

/**
 * Channels on a PostgreSQL server. Two paths deliver a notification, for two reasons:
 *
 * - every pooled connection listens too, and PostgreSQL hands a session its own notifications
 *   before it reports the commit ready, so a change committed by this process is heard before
 *   the code that committed it goes on (the next request sees it, with no race);
 * - one dedicated connection listens whatever the pool does (idle connections come and go), for
 *   changes committed by other processes (the CLI, other API nodes). While it is down, listeners
 *   hear `interrupted`; it reconnects with backoff and then says `resumed`.
 */
export class PostgresChannels implements Channels {
  private readonly listeners = new Map<string, Set<ChannelListener>>();
  private readonly pooled = new Set<pg.ClientBase>();
  private dedicated: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private reconnectDelay = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly connectionString: string) {}

  /**
   * The pool's `onConnect`: a new pooled connection listens on every channel before it serves a
   * query (the pool awaits it), and its notifications reach the listeners.
   */
  readonly onConnect = async (client: pg.ClientBase): Promise<void> => {
    this.pooled.add(client);
    client.on('notification', (message) => this.dispatch(message.channel, 'notified'));
    for (const channel of this.listeners.keys()) await this.listenOn(client, channel);
  };

  /** Forgets the pool's connections as it closes them. */
  watch(pool: pg.Pool): void {
    pool.on('remove', (client) => this.pooled.delete(client));
  }

  /**
   * Call it while setting up, before requests run: a pooled connection already open is told to
   * listen too, and one checked out in a transaction would make that part of the transaction.
   */
  async listen(channel: string, listener: ChannelListener): Promise<() => Promise<void>> {
    assertChannelName(channel);
    let set = this.listeners.get(channel);
    const isNewChannel = !set;
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    if (isNewChannel) {
      await Promise.all([...this.pooled].map((client) => this.listenOn(client, channel)));
    }
    await this.ensureDedicated();
    if (this.dedicated) {
      if (isNewChannel) await this.listenOn(this.dedicated, channel);
      listener('resumed');
    }
    return () => {
      set.delete(listener);
      return Promise.resolve();
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.dedicated;
    this.dedicated = null;
    await client?.end().catch(() => undefined);
  }

  private async listenOn(client: pg.ClientBase, channel: string): Promise<void> {
    try {
      await client.query(`listen ${channel}`);
    } catch {
      // A pooled connection that fails here is broken; the pool drops it, and the dedicated
      // connection reports its own failures through 'error'.
    }
  }

  private dispatch(channel: string, event: ChannelEvent): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event);
  }

  private dispatchAll(event: ChannelEvent): void {
    for (const channel of this.listeners.keys()) this.dispatch(channel, event);
  }

  private ensureDedicated(): Promise<void> {
    if (this.dedicated || this.closed) return Promise.resolve();
    this.connecting ??= this.connectDedicated().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connectDedicated(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => this.dispatch(message.channel, 'notified'));
    client.on('error', () => this.lostDedicated(client));
    client.on('end', () => this.lostDedicated(client));
    try {
      await client.connect();
      for (const channel of this.listeners.keys()) await client.query(`listen ${channel}`);
    } catch {
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
      return;
    }
    this.dedicated = client;
    this.reconnectDelay = RECONNECT_MIN_MS;
    this.dispatchAll('resumed');
  }

  private lostDedicated(client: pg.Client): void {
    if (this.dedicated !== client) return;
    this.dedicated = null;
    if (this.closed) return;
    this.dispatchAll('interrupted');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.ensureDedicated();
    }, this.reconnectDelay);
    this.reconnectTimer.unref();
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
  }
}
