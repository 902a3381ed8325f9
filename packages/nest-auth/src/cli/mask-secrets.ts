const SECRET_KEY = /(secretKey|privateKey|secret|pass|password)$/i;

/** `redis://user:pw@host` → `redis://user:****@host`; other text unchanged. */
export function maskUrlPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1****@');
}

/**
 * A copy of `value` that shows that secrets are set without showing them: secret keys, private
 * keys and passwords become `****` (or `(unset)`), URLs lose their password. Settings that merely
 * describe passwords (`password.minLength`) are objects, so they stay visible.
 */
export function maskSecrets(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, key));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskSecrets(v, k)]),
    );
  }
  if (typeof value === 'string') {
    if (SECRET_KEY.test(key)) return value === '' ? '(unset)' : '****';
    return maskUrlPassword(value);
  }
  return value;
}
