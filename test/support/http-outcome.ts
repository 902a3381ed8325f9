import { type Agent, request } from 'node:http';

/** How one request ended: a response (status and `Connection` header) or a socket error code. */
export interface HttpOutcome {
  path: string;
  sentAt: number;
  endedAt: number;
  status?: number;
  connection?: string;
  error?: string;
}

/**
 * Sends one request with node:http (not fetch, whose pool hides connection headers and resets)
 * and resolves with how it ended; never rejects.
 */
export function sendRequest(
  url: string,
  options: { method?: string; body?: unknown; agent: Agent },
): Promise<HttpOutcome> {
  const sentAt = Date.now();
  const path = new URL(url).pathname;
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve) => {
    const req = request(url, {
      method: options.method ?? 'GET',
      agent: options.agent,
      headers: payload ? { 'content-type': 'application/json' } : {},
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          path,
          sentAt,
          endedAt: Date.now(),
          status: res.statusCode,
          connection: res.headers.connection,
        }),
      );
      res.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ path, sentAt, endedAt: Date.now(), error: error.code ?? error.message }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ path, sentAt, endedAt: Date.now(), error: error.code ?? error.message }),
    );
    req.end(payload);
  });
}
