import { z } from 'zod';
import { normalizeIdentifier } from './normalize-identifier';

/**
 * An email address normalised before the format check, so " Alice@Example.COM " registers (and
 * is looked up) as alice@example.com. A JSON Schema of a request shows the input side of the
 * pipe, which has no format; `meta` states the address the check expects, so generated docs and
 * clients keep it.
 */
export const normalizedEmail = () =>
  z
    .string()
    .max(1024)
    .transform(normalizeIdentifier)
    .pipe(z.email().max(320))
    .meta({ format: 'email', maxLength: 320, description: 'NFKC, trimmed and lower-cased first' });
