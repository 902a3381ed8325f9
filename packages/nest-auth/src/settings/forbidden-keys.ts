/**
 * Keys that reach an object's prototype when a merge assigns them (`__proto__`), or that name
 * the machinery behind it (`constructor`, `prototype`). No setting and no role is called that.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Why a forbidden key is refused, for the problem that names it. */
export const FORBIDDEN_KEY_REASON =
  'is not allowed (__proto__, constructor and prototype could rewrite the prototype every object ' +
  'shares); remove or rename it.';

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/** A value that looks like JSON (`roles` may be set as one JSON string), parsed; else undefined. */
function parsedJson(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The path of every forbidden key in `value`: in nested objects and arrays (own keys only, so a
 * `__proto__` that JSON or YAML made an own property is found), and in JSON text.
 */
export function forbiddenKeyPaths(value: unknown, path: readonly string[] = []): string[][] {
  if (typeof value === 'string') {
    const json = parsedJson(value);
    return json === undefined ? [] : forbiddenKeyPaths(json, path);
  }
  if (Array.isArray(value))
    return value.flatMap((item, i) => forbiddenKeyPaths(item, [...path, String(i)]));
  if (!isPlainObject(value)) return [];
  return Object.keys(value).flatMap((key) =>
    FORBIDDEN_KEYS.has(key) ? [[...path, key]] : forbiddenKeyPaths(value[key], [...path, key]),
  );
}
