import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The package's layout as a test: no two top-level folders import each other, and no file below
 * the root imports a root file (the root composes the folders; a folder that reached back into it
 * would tie every feature to all the others). Type-only imports count: they couple folders too.
 */

const ROOT = __dirname;
const IMPORT = /from\s+'(\.[^']*)'|import\(\s*'(\.[^']*)'\s*\)/g;

/** Pairs still to be broken, each with the reason; the test fails once one is gone, too. */
const KNOWN_PAIRS: Record<string, string> = {};

/** Root files still imported from below, each with the reason. */
const KNOWN_ROOT_IMPORTS: Record<string, string> = {};

interface Edge {
  from: string;
  to: string;
  file: string;
  target: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const folderOf = (path: string): string => (path.includes(sep) ? path.split(sep)[0] : '.');

function crossFolderImports(): Edge[] {
  return sourceFiles(ROOT).flatMap((path) => {
    const file = relative(ROOT, path);
    return [...readFileSync(path, 'utf8').matchAll(IMPORT)].flatMap((match) => {
      const target = relative(ROOT, resolve(dirname(path), match[1] ?? match[2]));
      const [from, to] = [folderOf(file), folderOf(target)];
      return from === to ? [] : [{ from, to, file, target }];
    });
  });
}

describe('package layout', () => {
  const edges = crossFolderImports();

  it('finds the imports between folders (the scan itself works)', () => {
    expect(edges).toContainEqual(
      expect.objectContaining({ file: 'index.ts', target: join('errors', 'auth.errors') }),
    );
  });

  it('has no two folders that import each other', () => {
    const directed = new Set(edges.map(({ from, to }) => `${from} -> ${to}`));
    const mutual = [...directed]
      .map((edge) => edge.split(' -> '))
      .filter(([a, b]) => a < b && directed.has(`${b} -> ${a}`))
      .map(([a, b]) => `${a} <-> ${b}`)
      .sort();
    expect(mutual).toEqual(Object.keys(KNOWN_PAIRS).sort());
  });

  it('has no file below the root that imports a root file', () => {
    const rootImports = edges
      .filter(({ from, to }) => to === '.' && from !== '.')
      .map(({ file, target }) => `${file} -> ${target}`)
      .sort();
    expect([...new Set(rootImports)]).toEqual(Object.keys(KNOWN_ROOT_IMPORTS).sort());
  });
});
