import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';

/** One request exactly as written: no header added or normalised by a client library. */
export interface RawRequest {
  method: string;
  path: string;
  /** An array sends the header once per value (a repeated header). */
  headers?: Record<string, string | string[]>;
  body?: Buffer | string;
  /** Send the body with Transfer-Encoding: chunked (no Content-Length), in two chunks. */
  chunked?: boolean;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed JSON body, or `undefined` when it is empty or not JSON. */
  body: unknown;
}

/** Listens on a free loopback port (once) and returns the base of its URLs. */
export async function listenOnLoopback(app: INestApplication): Promise<number> {
  const server = app.getHttpServer() as { address(): AddressInfo | null; listening: boolean };
  if (!server.listening) await app.listen(0, '127.0.0.1');
  return (server.address() as AddressInfo).port;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** Sends `raw` over a fresh connection to `port` and reads the whole answer. */
export function sendRaw(port: number, raw: RawRequest): Promise<RawResponse> {
  const body = raw.body === undefined ? undefined : Buffer.from(raw.body);
  const headers: Record<string, string | string[]> = { ...raw.headers };
  if (raw.chunked) headers['transfer-encoding'] = 'chunked';
  else if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: raw.method, path: raw.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            body: parseJson(text),
          });
        });
      },
    );
    req.on('error', reject);
    if (body && raw.chunked) req.write(body.subarray(0, body.length >> 1));
    req.end(body && raw.chunked ? body.subarray(body.length >> 1) : body);
  });
}
