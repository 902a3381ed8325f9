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
  private readonly routes: CompiledRoute[];

  constructor(routes: RouteEntry[]) {
    this.routes = routes.map(compile);
  }

  /**
   * @returns the methods to list in `Allow` when `path` exists but not for `method`; `undefined`
   * when the request is routable, or its path unknown (a 404)
   */
  refusal(method: string, url: string): string[] | undefined {
    const path = url.split('?', 1)[0];
    const allowed = new Set<string>();
    for (const route of this.routes) {
      if (route.pattern.test(path)) route.methods.forEach((m) => allowed.add(m));
    }
    if (allowed.has('GET')) allowed.add('HEAD');
    if (allowed.size === 0 || allowed.has(method) || allowed.has('ALL')) return undefined;
    return [...allowed].sort();
  }
}
