import type { NextFunction, Request, Response } from 'express';
import { RequestValidationError } from '../auth';

/**
 * Express error middleware placed right after the JSON parser. Nest would turn the parser's
 * SyntaxError into a 400 whose message quotes the body (and so maybe a password); this replaces it
 * with a message that quotes nothing.
 */
export function rejectMalformedJson(
  error: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  const type = (error as { type?: string } | null)?.type;
  next(
    type === 'entity.parse.failed'
      ? new RequestValidationError('The request body is not valid JSON.')
      : error,
  );
}
