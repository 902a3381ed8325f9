import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** When a drain stops accepting and when it gives up waiting, from the moment it starts. */
export interface DrainTiming {
  /** Keep accepting new connections this long, so load balancers see readiness fail first. */
  delayMs: number;
  /** Close whatever is still open this long after the start, even mid-request. */
  graceMs: number;
}

/** What a drain did, for the shutdown log. */
export interface DrainResult {
  /** Requests still running at the end of the grace period, cut off with their connection. */
  forceClosed: number;
  elapsedMs: number;
}

/**
 * Drains one Node HTTP server (Express and Fastify both serve through one). From `drain()` on,
 * every response carries `Connection: close`, so keep-alive clients open their next request
 * elsewhere; after `delayMs` the server stops accepting and closes idle connections; the rest
 * close as their last response ends; at `graceMs` what is left is destroyed.
 */
export class HttpDrain {
  private draining = false;
  private accepting = true;
  private readonly inFlight = new Set<ServerResponse>();

  constructor(private readonly server: Server) {
    // First in line, so the header is set before any route can answer.
    server.prependListener('request', this.onRequest);
  }

  /** True from the start of `drain()`. */
  get isDraining(): boolean {
    return this.draining;
  }

  async drain(timing: DrainTiming): Promise<DrainResult> {
    const startedAt = Date.now();
    this.draining = true;
    for (const response of this.inFlight) closeAfter(response);
    await sleep(Math.min(timing.delayMs, timing.graceMs));
    const closed = this.stopAccepting();
    const remainingMs = timing.graceMs - (Date.now() - startedAt);
    const forceClosed = (await settlesWithin(closed, remainingMs)) ? 0 : this.forceClose();
    await closed;
    return { forceClosed, elapsedMs: Date.now() - startedAt };
  }

  /** Stops tracking requests (the app closes without a drain, e.g. in tests). */
  dispose(): void {
    this.server.off('request', this.onRequest);
  }

  private readonly onRequest = (_request: IncomingMessage, response: ServerResponse): void => {
    this.inFlight.add(response);
    // One listener shared by every response (it reads the response as `this`): nothing is
    // allocated per request on the way in.
    response.on('close', this.onResponseClosed);
    if (this.draining) closeAfter(response);
  };

  private readonly onResponseClosed: (this: ServerResponse) => void = ((drain: HttpDrain) =>
    function (this: ServerResponse) {
      drain.responseClosed(this);
    })(this);

  private responseClosed(response: ServerResponse): void {
    this.inFlight.delete(response);
    // A response whose headers went out before the drain kept its connection alive: once the
    // server stopped accepting, such a connection is closed as soon as it falls idle.
    if (!this.accepting) setImmediate(() => this.server.closeIdleConnections());
  }

  /** Resolves when the last connection has closed. */
  private stopAccepting(): Promise<void> {
    this.accepting = false;
    // close() also closes the connections that are idle now.
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private forceClose(): number {
    const cutOff = this.inFlight.size;
    this.server.closeAllConnections();
    return cutOff;
  }
}

function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(ms, 0)));
}

/** True when `promise` settles within `ms`, false when the time runs out first. */
async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(ms, 0));
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
