const toSnake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const toCamel = (key: string): string =>
  key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export const ENV_PREFIX = 'LEX_AUTH__';

/** `['token', 'accessTtlSeconds']` → `LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS`. */
export function envNameOf(path: readonly (string | number)[]): string {
  if (path[0] === 'environment') return 'LEX_ENV';
  if (path[0] === 'redisUrl') return 'REDIS_URL';
  if (path[0] === 'mail' && path[1] === 'smtpUrl') return 'SMTP_URL';
  // A list is one variable (`bannedPatterns.0` and `previousKeys.1.retiredAt` are the list's).
  const end = path.findIndex((p) => typeof p === 'number');
  const keys = (end === -1 ? path : path.slice(0, end)) as string[];
  return ENV_PREFIX + keys.map((p) => toSnake(p).toUpperCase()).join('__');
}

/** `['token', 'accessTtlSeconds']` → `auth.token.access_ttl_seconds`. */
export function yamlKeyOf(path: readonly (string | number)[]): string {
  return ['auth', ...path.map((p) => toSnake(String(p)))].join('.');
}

/** `TOKEN__ACCESS_TTL_SECONDS` → `['token', 'accessTtlSeconds']`. */
export function pathOfEnvSuffix(suffix: string): string[] {
  return suffix.split('__').map((part) => toCamel(part.toLowerCase()));
}

/** Snake-case YAML keys → camelCase, recursively through plain objects (not Dates, not arrays). */
export function camelizeKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [toCamel(k), camelizeKeys(v)]),
  );
}
