import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Client, ClientConfig, Notification } from 'pg';
import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import { SqlStore } from '../sql/sql-store';
import type { RevocationCache } from './revocation-cache';
import type { FeedListener, RevocationFeed } from './revocation-feed';
import { loadSqlRevocations } from './sql-revocation-load';

/** The part of TypeORM's PostgresDriver used here: its pg.Pool (`master`). */
interface PostgresPool {
  Client: new (config: ClientConfig) => Client;
  options: ClientConfig;
}

/** Timings of the feed (see ReplicationTimings). */
export interface PostgresFeedTimings {
  /** Wait between connection attempts while PostgreSQL is unreachable. */
  reconnectMs: number;
  /** A heartbeat unanswered this long means a dead connection: it is replaced. */
  deadAfterMs: number;
  /** Rows read per statement of a full load. */
  pageSize: number;
}

/**
 * PostgreSQL LISTEN/NOTIFY as a RevocationFeed. A listening client of its own, made from the
 * DataSource's pool options (same server, credentials, TLS, timeouts), LISTENs on the channel
 * the store's writes NOTIFY in the same statement. pg clients do not reconnect, so a lost
 * one is replaced every `reconnectMs` until PostgreSQL answers, and the replicator reloads.
 * The heartbeat is a NOTIFY to a channel only this client listens on: notifications arrive in
 * commit order, so its arrival proves every revocation committed before it has arrived too.
 */
export class PostgresRevocationFeed implements RevocationFeed {
  readonly storeName = 'the database';
  private readonly sql: SqlStore;
  private readonly heartbeatChannel = `lex_auth_hb_${randomBytes(8).toString('hex')}`;
  private client: Client | null = null;
  private listener: FeedListener | null = null;
  private ready = false;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pendingPing: { sentAt: number; answered: () => void; done: Promise<void> } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly channel: string,
    private readonly clock: Clock,
    private readonly timings: PostgresFeedTimings,
  ) {
    this.sql = new SqlStore(dataSource, 'token blacklist');
  }

  /** @inheritdoc */
  get connected(): boolean {
    return this.ready && this.dataSource.isInitialized;
  }

  /** @inheritdoc */
  start(listener: FeedListener): void {
    this.listener = listener;
    this.connect();
  }

  /** @inheritdoc */
  async subscribe(): Promise<void> {
    const client = this.requireClient();
    // Both names are this class's constants (letters, digits, underscores).
    await client.query(`LISTEN ${this.channel}; LISTEN ${this.heartbeatChannel}`);
  }

  /** @inheritdoc */
  load(cache: RevocationCache, wanted: () => boolean): Promise<number> {
    return loadSqlRevocations(this.sql, cache, this.clock, {
      pageSize: this.timings.pageSize,
      wanted,
    });
  }

  /** @inheritdoc One heartbeat in flight at a time; one unanswered too long drops the client. */
  ping(): Promise<void> {
    const pending = this.pendingPing;
    if (pending) {
      if (performance.now() - pending.sentAt > this.timings.deadAfterMs) this.drop(this.client);
      return pending.done;
    }
    let answered = () => undefined as void;
    const done = new Promise<void>((resolve) => (answered = resolve));
    this.pendingPing = { sentAt: performance.now(), answered, done };
    this.notify(this.heartbeatChannel, '').catch(() => undefined);
    return done;
  }

  /** @inheritdoc */
  async publish(message: string): Promise<void> {
    await this.notify(this.channel, message);
  }

  /** @inheritdoc */
  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    this.ready = false;
    await client?.end().catch(() => undefined);
  }

  private connect(): void {
    this.reconnectTimer = null;
    if (this.closed) return;
    const pool = (this.dataSource.driver as unknown as { master?: PostgresPool }).master;
    // A DataSource not (or no longer) initialised has no pool: try again later, fail closed now.
    if (!pool) return this.retryLater();
    // The pool's own options object, as pg-pool passes it (its password is not enumerable).
    const client = new pool.Client(pool.options);
    this.client = client;
    client.on('notification', (notification) => this.receive(notification));
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    client.connect().then(
      () => this.up(client),
      () => this.drop(client),
    );
  }

  private up(client: Client): void {
    if (client !== this.client) return;
    this.ready = true;
    this.listener?.ready();
  }

  private receive({ channel, payload }: Notification): void {
    if (channel === this.channel) this.listener?.message(payload ?? '');
    else if (channel === this.heartbeatChannel) this.answerPing();
  }

  private answerPing(): void {
    this.pendingPing?.answered();
    this.pendingPing = null;
  }

  /** Forgets `client` (once), tells the replicator, and connects again later. */
  private drop(client: Client | null): void {
    if (!client || client !== this.client) return;
    this.client = null;
    this.ready = false;
    this.pendingPing = null;
    client.removeAllListeners('notification');
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    this.listener?.lost();
    this.retryLater();
  }

  private retryLater(): void {
    if (this.closed) return;
    this.reconnectTimer = setTimeout(() => this.connect(), this.timings.reconnectMs);
    this.reconnectTimer.unref();
  }

  private async notify(channel: string, payload: string): Promise<void> {
    await this.requireClient().query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  private requireClient(): Client {
    if (!this.client || !this.ready) throw new Error('The listening connection is not open');
    return this.client;
  }
}
