import type { z } from 'zod';

/**
 * Refuses a body that has more than one of `keys`, and states the rule in the schema's JSON
 * Schema as `not: {required: keys}` (pairs only), which a refine alone does not have.
 */
export function atMostOneOf<T extends z.ZodObject>(
  schema: T,
  keys: readonly [string, string],
  error: string,
) {
  return schema
    .refine((body) => keys.some((key) => (body as Record<string, unknown>)[key] === undefined), {
      error,
      path: [keys[1]],
    })
    .meta({ not: { required: [...keys] } });
}
