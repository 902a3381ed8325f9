/**
 * Permission patterns (`resource.action`, with `*` wildcards).
 *
 * A pattern is one or more segments joined by `.`; a segment is a name (`[A-Za-z0-9_-]+`) or
 * `*`. Matching compares segment by segment, exactly (case-sensitive):
 *
 * - a name segment matches the same name only;
 * - a `*` that is NOT the last segment matches exactly one segment (`*.read` matches
 *   `posts.read`, not `posts.comments.read`);
 * - a `*` that IS the last segment matches one or more remaining segments (`posts.*` matches
 *   `posts.read` and `posts.comments.read`, but not `posts` itself); so `*` alone matches
 *   every permission.
 *
 * A concrete permission is a pattern without `*`. Malformed text (empty segments, `po*st`,
 * spaces) matches nothing and is matched by nothing: a typo must never widen access.
 */

/** A parsed pattern: its segments, and whether its last segment is the open-ended `*`. */
export interface ParsedPattern {
  readonly segments: readonly string[];
  readonly openEnded: boolean;
}

const WILDCARD = '*';
const NAME = /^[A-Za-z0-9_-]+$/;

/**
 * The well-formed patterns as one regular expression (what `isPermissionPattern` accepts), for
 * schemas that must carry the rule as a `pattern` (a refine has no JSON Schema).
 */
export const PERMISSION_PATTERN = /^(?:\*|[A-Za-z0-9_-]+)(?:\.(?:\*|[A-Za-z0-9_-]+))*$/;

/** The parsed pattern, or null when the text is not a well-formed pattern. */
export function parsePattern(text: string): ParsedPattern | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  const segments = text.split('.');
  for (const segment of segments) {
    if (segment !== WILDCARD && !NAME.test(segment)) return null;
  }
  return { segments, openEnded: segments[segments.length - 1] === WILDCARD };
}

/** The parsed permission, or null unless the text is a well-formed pattern without `*`. */
export function parsePermission(text: string): ParsedPattern | null {
  const parsed = parsePattern(text);
  return parsed && !parsed.segments.includes(WILDCARD) ? parsed : null;
}

/** Whether `text` is a well-formed pattern (for validating configuration and scopes). */
export function isPermissionPattern(text: string): boolean {
  return parsePattern(text) !== null;
}

/**
 * Whether everything `inner` matches is also matched by `outer` (language inclusion). Checked
 * structurally, so it is exact: `posts.*` includes `posts.comments.*`; `*.read` does not include
 * `posts.*` (which also matches `posts.write`).
 */
export function patternIncludes(outer: ParsedPattern, inner: ParsedPattern): boolean {
  // An open-ended inner pattern matches arbitrarily long permissions; only an open-ended outer
  // pattern can match all of them.
  if (inner.openEnded && !outer.openEnded) return false;
  const m = outer.segments.length;
  const n = inner.segments.length;
  if (outer.openEnded ? n < m : n !== m) return false;
  const fixed = outer.openEnded ? m - 1 : m;
  for (let i = 0; i < fixed; i++) {
    const o = outer.segments[i];
    if (o === WILDCARD) continue;
    // A wildcard in the inner pattern stands for any name, which a literal cannot match.
    if (inner.segments[i] !== o) return false;
  }
  return true;
}

/** Whether `pattern` grants the concrete `permission`. Malformed input never matches. */
export function permissionMatches(pattern: string, permission: string): boolean {
  const p = parsePattern(pattern);
  const q = parsePermission(permission);
  return p !== null && q !== null && patternIncludes(p, q);
}
