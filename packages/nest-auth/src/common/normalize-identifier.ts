/**
 * The one form of a login identifier used for lookup, lockout counting and logs: NFKC first
 * (it can turn look-alike characters and full-width spaces into plain ones), then trim and
 * lower-case, so `" Alice@Example.COM"` and `"alice@example.com"` are one account and one counter.
 */
export function normalizeIdentifier(identifier: string): string {
  return identifier.normalize('NFKC').trim().toLowerCase();
}
