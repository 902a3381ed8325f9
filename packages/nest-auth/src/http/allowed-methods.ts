import type { RouteEntry } from './route-table';

interface CompiledRoute {
  pattern: RegExp;
  methods: Set<string>;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/auth/sessions/:id` → a regular expression matching `/auth/sessions/<one segment>`. */
function compile({ path, methods }: RouteEntry): CompiledRoute {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : escape(segment)))
    .join('/');
  return { pattern: new RegExp(`^${source}$`), methods };
}

/**
 * Which methods a path answers, so an unknown method on a known path is a 405 with `Allow`
 * rather than a 404. GET implies HEAD, as both platforms answer HEAD for GET routes.
 */
export class AllowedMethods {
  // Paths without parameters by their text, so the common request costs one lookup; only the
  // paths with a parameter are matched one by one.
  private readonly exact = new Map<string, Set<string>>();
  private readonly patterns: CompiledRoute[];

  constructor(routes: RouteEntry[]) {
    for (const { path, methods } of routes.filter((r) => !r.path.includes(':'))) {
      this.exact.set(path, new Set([...(this.exact.get(path) ?? []), ...methods]));
    }
    this.patterns = routes.filter((r) => r.path.includes(':')).map(compile);
  }

  /**
   * @returns the methods to list in `Allow` when `path` exists but not for `method`; `undefined`
   * when the request is routable, or its path unknown (a 404)
   */
  refusal(method: string, url: string): string[] | undefined {
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const exact = this.exact.get(path);
    if (exact && answers(exact, method)) return undefined;
    const allowed = new Set<string>(exact);
    for (const route of this.patterns) {
      if (route.pattern.test(path)) route.methods.forEach((m) => allowed.add(m));
    }
    if (allowed.has('GET')) allowed.add('HEAD');
    if (allowed.size === 0 || allowed.has(method) || allowed.has('ALL')) return undefined;
    return [...allowed].sort();
  }
}

const answers = (methods: Set<string>, method: string): boolean =>
  methods.has(method) || methods.has('ALL') || (method === 'HEAD' && methods.has('GET'));
