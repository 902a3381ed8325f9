import type { NextFunction, Request, Response } from 'express';
import { carriesBody, readJsonBody } from './json-body';

/** Express middleware: the host's body rule (`readJsonBody`) in place of body-parser. */
export function expressJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (!carriesBody(req.method, req.headers)) return next();
  readJsonBody(req.headers, req).then((body) => {
    req.body = body;
    next();
  }, next);
}
