import { type CanActivate, type ExecutionContext, Injectable, type Type } from '@nestjs/common';
import type { z } from 'zod';
import { parseBody } from './parse-body';

/**
 * A guard that validates the JSON body (replacing it with the parsed value), for routes whose
 * later guards must not run on a malformed body: guards run before pipes, so a rate limiter
 * would otherwise answer 429 to a body that deserves a 400.
 * @throws RequestValidationError (400)
 */
export function ValidBody(schema: z.ZodType): Type<CanActivate> {
  @Injectable()
  class ValidBodyGuard implements CanActivate {
    canActivate(context: ExecutionContext): boolean {
      const request = context.switchToHttp().getRequest<{ body: unknown }>();
      request.body = parseBody(schema, request.body);
      return true;
    }
  }
  return ValidBodyGuard;
}
