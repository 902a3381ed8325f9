/**
 * `npm run build`'s last step: the example host's compiled output (dist/, tsc's, so decorator
 * metadata is already emitted) and everything it imports, in one file, dist/main.bundle.js, with
 * its source map. Node then reads one file instead of resolving the module graph file by file
 * (most of a boot: bench/README.md, boot). `npm start` runs it.
 *
 *   ts-node --transpile-only scripts/bundle/bundle-host.ts
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_DIR, modulePaths } from './module-paths';
import { NATIVE_PACKAGES, optionalPackages } from './optional-packages';
import { requiredByName } from './required-by-name';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const BUNDLE = join(DIST, 'main.bundle.js');

async function main(): Promise<void> {
  const missing = new Set<string>();
  const result = await build({
    entryPoints: [join(DIST, 'main.js')],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // The build's tsconfig has no `paths`: the root one would send @lexigram/nest-auth to the
    // package's TypeScript source, which esbuild compiles without decorator metadata.
    tsconfig: join(ROOT, 'tsconfig.build.json'),
    // tsc's maps are read through, so the bundle's map names src/*.ts.
    sourcemap: 'linked',
    // The map points at the files on disk (src/, node_modules/): a third of its size without copies.
    sourcesContent: false,
    // A third less to read and hash at every boot; names are kept, and traces go through the map.
    minifyWhitespace: true,
    minifySyntax: true,
    // No `keepNames`: it wraps every function expression in a `__name()` call that defines its
    // `name`, also the closures made on every request (about a quarter of a cheap route's CPU).
    // Nothing needs it: tsc's CommonJS modules keep their own scopes, so esbuild renames no class
    // of the host, the package, Nest or TypeORM (the bundle's class names are the same with and
    // without it); only hoisted ES modules' helpers are renamed (js-yaml's error sets its `name`).
    keepNames: false,
    external: NATIVE_PACKAGES,
    banner: { js: `var ${BUNDLE_DIR} = __dirname;` },
    plugins: [optionalPackages(missing), requiredByName(), modulePaths(DIST)],
    logLevel: 'warning',
    metafile: true,
  });
  // Names the code cache (src/start/code-cache.ts); last, so no position the map knows moves.
  const id = createHash('sha1').update(readFileSync(BUNDLE)).digest('hex').slice(0, 16);
  appendFileSync(BUNDLE, `//# buildId=${id}\n`);
  // The first boot's code cache, made now (src/start.ts), under the flags `npm start` uses: none.
  execFileSync(process.execPath, [join(DIST, 'start.js'), '--write-code-cache'], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: 'inherit',
  });
  const inputs = Object.keys(result.metafile.inputs).length;
  console.log(`dist/main.bundle.js: ${inputs} files bundled`);
  if (missing.size > 0)
    console.log(
      `left to require at run time (optional, not installed): ${[...missing].sort().join(', ')}`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
