/**
 * What `npm start` runs: the host bundled into one file by `npm run build`
 * (dist/main.bundle.js, scripts/bundle/bundle-host.ts), compiled with a V8 code cache, its stack
 * traces naming the TypeScript files through the bundle's source map.
 */
import { join } from 'node:path';
import { runWithCodeCache } from './start/code-cache';
import { mapStackTraces } from './start/source-mapped-stacks';

const BUNDLE = join(__dirname, 'main.bundle.js');

mapStackTraces(BUNDLE);
runWithCodeCache(BUNDLE);
// `npm run build` runs this once, so that the first boot of a build already has its cache: it stops
// here, once every module has been compiled and before the app has done anything.
if (process.argv[2] === '--write-code-cache') process.exit(0);
