const toSnake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const toCamel = (key: string): string =>
  key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export const ENV_PREFIX = 'LEX_AUTH__';

/** `['token', 'accessTtlSeconds']` → `LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS`. */
export function envNameOf(path: readonly (string | number)[]): string {
  if (path[0] === 'environment') return 'LEX_ENV';
  // Array indexes (`bannedPatterns.0`) are not part of a variable's name.
  const keys = path.filter((p): p is string => typeof p === 'string');
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

/** Snake-case YAML keys → camelCase, recursively through plain objects. */
export function camelizeKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [toCamel(k), camelizeKeys(v)]),
  );
}
