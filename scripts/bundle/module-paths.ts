import { readFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import type { Plugin } from 'esbuild';

/** Set once at the top of the bundle: the folder the bundle file is in. */
export const BUNDLE_DIR = '__lexBundleDir';

/**
 * In a bundle every module's `__dirname` would be the bundle's folder. A CommonJS module that reads
 * files next to itself (the pages' static files in dist/pages/static, Swagger UI's assets, …) gets
 * its own folder back, as a path relative to the bundle, so `dist/` and `node_modules/` still work
 * where they are installed.
 */
export function modulePaths(outDir: string): Plugin {
  return {
    name: 'module-paths',
    setup(build) {
      build.onLoad({ filter: /\.c?js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!/\b__(dirname|filename)\b/.test(source) || isEsm(source)) return undefined;
        const dir = JSON.stringify(relative(outDir, dirname(args.path)));
        const file = JSON.stringify(relative(outDir, args.path));
        const paths =
          `var __dirname = require("node:path").join(${BUNDLE_DIR}, ${dir}),` +
          ` __filename = require("node:path").join(${BUNDLE_DIR}, ${file});`;
        // On the first line, so the file's own source map stays aligned.
        return { contents: paths + source, loader: 'js' };
      });
    },
  };
}

// ES modules have no __dirname; esbuild hoists them into the bundle's scope, where a `var` clashes.
function isEsm(source: string): boolean {
  return /^\s*(import|export)\s/m.test(source);
}
