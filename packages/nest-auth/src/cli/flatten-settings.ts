/** `{token: {issuer: 'x'}}` → `{'token.issuer': 'x'}`; lists stay whole, as one variable sets them. */
export function flattenSettings(
  value: Record<string, unknown>,
  prefix = '',
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const path = prefix + key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date))
      Object.assign(out, flattenSettings(v as Record<string, unknown>, `${path}.`));
    else out[path] = v;
  }
  return out;
}
