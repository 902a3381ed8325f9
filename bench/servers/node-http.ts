/**
 * Reference: bare node:http, no auth at all, a small JSON body.
 *   PORT=3102 ts-node --transpile-only bench/servers/node-http.ts
 */
import { createServer } from 'node:http';
import { benchPort } from './bench-token';

const BODY = JSON.stringify({ sub: 'bench-user' });

createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(BODY);
}).listen(benchPort(), '127.0.0.1');
