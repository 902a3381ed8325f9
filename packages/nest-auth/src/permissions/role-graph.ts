/** What the graph walks reads of a role: whom it inherits from. */
export type InheritingRoles = Readonly<Record<string, { readonly inherits: readonly string[] }>>;

/**
 * An inheritance cycle among `roles`, as the path that closes it (`["a", "b", "a"]`), or null.
 * A cycle is a configuration error: it usually means two roles were meant to be one.
 */
export function findInheritanceCycle(roles: InheritingRoles): string[] | null {
  const done = new Set<string>();
  const visit = (name: string, path: string[]): string[] | null => {
    const at = path.indexOf(name);
    if (at >= 0) return [...path.slice(at), name];
    if (done.has(name) || !Object.hasOwn(roles, name)) return null;
    for (const parent of roles[name].inherits) {
      const cycle = visit(parent, [...path, name]);
      if (cycle) return cycle;
    }
    done.add(name);
    return null;
  };
  for (const name of Object.keys(roles)) {
    const cycle = visit(name, []);
    if (cycle) return cycle;
  }
  return null;
}

/**
 * The role and every role it inherits, directly or not. Unknown parents are skipped (the settings
 * schema refuses them at boot), and a cycle ends the walk instead of looping.
 */
export function inheritanceClosure(roles: InheritingRoles, name: string): Set<string> {
  const seen = new Set<string>();
  const pending = [name];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    if (seen.has(current) || !Object.hasOwn(roles, current)) continue;
    seen.add(current);
    pending.push(...roles[current].inherits);
  }
  return seen;
}
