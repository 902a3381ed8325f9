import type { z } from 'zod';
import { RequestValidationError } from '../errors/auth.errors';

/**
 * Validates a JSON body against `schema`. Messages name the field and the problem but never echo
 * the value, which may be a password.
 * @throws RequestValidationError (400)
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
    const field = issue.path.join('.') || 'body';
    return `${field}: ${issue.message}`;
  });
  throw new RequestValidationError(`Invalid request body: ${problems.join('; ')}.`);
}
