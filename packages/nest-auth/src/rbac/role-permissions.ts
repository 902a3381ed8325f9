import type { RoleSettings } from '../settings/auth-settings';
import { AuthConfigurationError } from '../settings/auth-configuration.error';
import {
  type ParsedPattern,
  parsePattern,
  parsePermission,
  patternIncludes,
} from '../permissions/permission-pattern';
import { findInheritanceCycle, inheritanceClosure } from '../permissions/role-graph';

/** What one role grants once inheritance is expanded, shaped for cheap checks. */
interface CompiledRole {
  /** The role itself and every role it inherits. */
  readonly roles: ReadonlySet<string>;
  /** Every pattern granted, as written, deduplicated. */
  readonly patterns: readonly string[];
  /** Granted permissions without wildcards: one Set lookup answers most checks. */
  readonly exact: ReadonlySet<string>;
  readonly wildcards: readonly ParsedPattern[];
}

// Permissions come from decorators, so few distinct strings reach `allows`; the bound keeps an
// application that passes arbitrary text from growing the cache without limit.
const PARSE_CACHE_LIMIT = 1024;

/**
 * The role → permission model of `auth.roles`, with inheritance expanded once at boot. Injectable
 * by type. Pattern semantics are those of `permissionMatches` (permission-pattern.ts). Role names
 * a token carries that the configuration does not define grant nothing.
 */
export class RolePermissions {
  private readonly compiled = new Map<string, CompiledRole>();
  private readonly permissions = new Map<string, ParsedPattern | null>();
  private readonly scopes = new Map<string, ParsedPattern | null>();

  /** @throws AuthConfigurationError when roles inherit in a cycle */
  constructor(roles: Readonly<Record<string, RoleSettings>>) {
    const cycle = findInheritanceCycle(roles);
    if (cycle) {
      throw new AuthConfigurationError([
        {
          variable: 'LEX_AUTH__ROLES',
          message: `roles inherit in a cycle (${cycle.join(' → ')}); break it`,
        },
      ]);
    }
    for (const name of Object.keys(roles)) this.compiled.set(name, compile(roles, name));
  }

  /** The names of the roles the configuration defines. */
  get roleNames(): string[] {
    return [...this.compiled.keys()];
  }

  /** Whether the configuration defines `role`. */
  isDefined(role: string): boolean {
    return this.compiled.has(role);
  }

  /** Every permission pattern the roles grant, inheritance expanded (cycles are a config error). */
  patternsOf(roles: readonly string[]): string[] {
    const all = new Set<string>();
    for (const role of roles) {
      for (const pattern of this.compiled.get(role)?.patterns ?? []) all.add(pattern);
    }
    return [...all];
  }

  /** Whether the roles are `role` or inherit it (an `admin` that inherits `editor` has `editor`). */
  hasRole(roles: readonly string[], role: string): boolean {
    for (const held of roles) {
      if (this.compiled.get(held)?.roles.has(role)) return true;
    }
    return false;
  }

  /** Whether the roles grant `permission` (a concrete `resource.action`). */
  allows(roles: readonly string[], permission: string): boolean {
    let target: ParsedPattern | null | undefined;
    for (const role of roles) {
      const grants = this.compiled.get(role);
      if (!grants) continue;
      if (grants.exact.has(permission)) return true;
      if (grants.wildcards.length === 0) continue;
      target ??= parseCached(this.permissions, permission, parsePermission);
      if (target === null) return false;
      for (const pattern of grants.wildcards) if (patternIncludes(pattern, target)) return true;
    }
    return false;
  }

  /** Whether one of an API key's scope patterns matches the concrete `permission`. */
  scopesAllow(scopes: readonly string[], permission: string): boolean {
    const target = parseCached(this.permissions, permission, parsePermission);
    if (target === null) return false;
    for (const scope of scopes) {
      const pattern = parseCached(this.scopes, scope, parsePattern);
      if (pattern !== null && patternIncludes(pattern, target)) return true;
    }
    return false;
  }

  /**
   * Whether a scope pattern (may hold wildcards) is entirely within what the roles grant: true
   * only when one granted pattern matches every permission the scope matches. That is exact, not
   * just safe: segment names are unbounded, so a scope that no single grant includes matches some
   * permission (a name no grant mentions) that none of them grants.
   */
  covers(roles: readonly string[], scope: string): boolean {
    const target = parseCached(this.scopes, scope, parsePattern);
    if (target === null) return false;
    for (const role of roles) {
      const grants = this.compiled.get(role);
      if (!grants) continue;
      if (grants.exact.has(scope)) return true;
      for (const pattern of grants.wildcards) if (patternIncludes(pattern, target)) return true;
    }
    return false;
  }
}

function parseCached(
  cache: Map<string, ParsedPattern | null>,
  text: string,
  parser: (text: string) => ParsedPattern | null,
): ParsedPattern | null {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const result = parser(text);
  if (cache.size < PARSE_CACHE_LIMIT) cache.set(text, result);
  return result;
}

function compile(roles: Readonly<Record<string, RoleSettings>>, name: string): CompiledRole {
  const closure = inheritanceClosure(roles, name);
  const patterns = new Set<string>();
  for (const role of closure) for (const p of roles[role].permissions) patterns.add(p);
  const exact = new Set<string>();
  const wildcards: ParsedPattern[] = [];
  for (const text of patterns) {
    const parsed = parsePattern(text);
    // The settings schema refuses malformed patterns; one slipping through grants nothing.
    if (parsed === null) continue;
    if (parsed.segments.includes('*')) wildcards.push(parsed);
    else exact.add(text);
  }
  return { roles: closure, patterns: [...patterns], exact, wildcards };
}
