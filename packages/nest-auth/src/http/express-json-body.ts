import type { IncomingMessage, ServerResponse } from 'node:http';
import { carriesBody, readJsonBody } from './json-body';

type ExpressRequest = IncomingMessage & { body?: unknown };
type Middleware = (
  req: ExpressRequest,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * An Express middleware applying the module's body rule (`readJsonBody`) in place of body-parser.
 * It reads the whole stream, so if Nest's own parser still runs after it (an app created without
 * `bodyParser: false`), that parser finds the request finished and leaves the body alone.
 */
export function expressJsonBody(limitBytes: number): Middleware {
  return (req, _res, next) => {
    if (!carriesBody(req.method ?? 'GET', req.headers)) return next();
    readJsonBody(req.headers, req, limitBytes).then((body) => {
      req.body = body;
      next();
    }, next);
  };
}
