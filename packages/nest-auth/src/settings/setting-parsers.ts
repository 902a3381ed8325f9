import { z } from 'zod';
import { parseRateLimit } from './rate-limit';
import { camelizeKeys } from './setting-names';

// Environment variables arrive as strings; YAML and code give typed values. These parsers accept
// both, and leave anything else for zod to reject with its own message. Each one's input type is
// the typed form code passes (`z.input` of the inner schema), so the derived option types stay
// precise although the environment's strings are accepted too.
const fromText =
  (convert: (text: string) => unknown) =>
  (value: unknown): unknown =>
    typeof value === 'string' ? convert(value.trim()) : value;

/** A preprocess whose input type is the inner schema's, not `unknown`. */
export const lenient = <T extends z.ZodType>(convert: (value: unknown) => unknown, schema: T) =>
  z.preprocess<unknown, T, z.input<T>>(convert, schema);

export const integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  lenient(
    fromText((t) => (t === '' ? t : Number(t))),
    z
      .number({ error: `expected a whole number from ${min} to ${max}` })
      .int()
      .min(min)
      .max(max),
  );

const BOOLEANS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };
export const flag = lenient(
  fromText((t) => BOOLEANS[t.toLowerCase()] ?? t),
  z.boolean({ error: 'expected true or false' }),
);

/** `null`, `~` or an empty value clear a setting (e.g. `required_audience: null`). */
export const optionalText = lenient(
  fromText((t) => (t === '' || t === 'null' || t === '~' ? null : t)),
  z.string().nullable(),
);

/** Text that must not be empty. */
export const text = (min = 1, max?: number) =>
  max === undefined ? z.string().min(min) : z.string().min(min).max(max);

export const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'expected an http:// or https:// URL',
});

// Invalid JSON is handed to zod as text, so it becomes a problem naming the variable, not a crash.
export const jsonOrText = (value: string): unknown => {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

/** A JSON value (an object or array of objects) from the environment, its keys camelCased. */
export const json = <T extends z.ZodType>(schema: T, empty: unknown = undefined) =>
  lenient((value) => {
    const parsed =
      typeof value === 'string'
        ? value.trim() === '' && empty !== undefined
          ? empty
          : jsonOrText(value)
        : value;
    return Array.isArray(parsed) ? parsed.map(camelizeKeys) : parsed;
  }, schema);

const validRegex = (pattern: string): boolean => {
  try {
    new RegExp(pattern, 'iu');
    return true;
  } catch {
    return false;
  }
};

/** A JSON array, or a comma-separated list when set from the environment. */
export const patternList = lenient(
  fromText((t) => (t.startsWith('[') ? jsonOrText(t) : t.split(',').filter(Boolean))),
  z.array(z.string().refine(validRegex, { error: 'is not a valid regular expression' })),
);

/** A JSON array, or a comma-separated list when set from the environment. */
export const nameList = lenient(
  fromText((t) =>
    t.startsWith('[')
      ? jsonOrText(t)
      : t
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
  ),
  z.array(z.string().min(1)),
);

/** Web origins (`https://app.example.com`, no path): a JSON array or a comma-separated list. */
export const originList = nameList.pipe(
  z.array(
    z.string().refine((o) => /^https?:\/\/[^/?#\s]+$/.test(o) && URL.canParse(o), {
      error: 'expected an origin such as "https://app.example.com" (scheme and host, no path)',
    }),
  ),
);

/** An ISO 8601 date-time with its zone (`2025-06-01T12:00:00Z`), or a Date from code. */
export const instant = z
  .preprocess<unknown, z.ZodISODateTime, string | Date>(
    (value) => (value instanceof Date && !isNaN(value.getTime()) ? value.toISOString() : value),
    z.iso.datetime({
      offset: true,
      error: 'expected an ISO 8601 date-time with a zone, e.g. "2025-06-01T12:00:00Z"',
    }),
  )
  .transform((value) => new Date(value));

/** `"N/second|minute|hour|day"`, parsed. */
export const rateLimit = z.string().transform((value, ctx) => {
  const parsed = parseRateLimit(value);
  if (!parsed) {
    ctx.addIssue({
      code: 'custom',
      message: `expected "N/second|minute|hour|day", got "${value}"`,
    });
    return z.NEVER;
  }
  return parsed;
});
