import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Runs a CommonJS file as Node would, but compiled with a V8 code cache kept beside it: compiling
 * the 9 MB bundle is most of what is left of a boot once it is one file (bench/README.md, boot).
 * The cache is named by the file's content and the Node build, so a rebuilt bundle or another Node
 * never reads a stale one (V8 checks little more than the source length itself).
 */
export function runWithCodeCache(file: string): void {
  // esbuild escapes non-ASCII in strings, but not in regular expressions and licence comments: an
  // all-ASCII file decodes exactly, and faster, as latin1 (about 10 ms less for 9 MB).
  const bytes = readFileSync(file);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cacheFile = `${file}.${cacheKey(source)}.v8-cache`;
  const cachedData = readIfExists(cacheFile);
  // The wrapper on a line of its own, counted as line 0: the bundle's positions (and so its
  // source map) stay exact, even on its first line.
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {\n${source}\n})`,
    {
      filename: file,
      lineOffset: -1,
      cachedData,
    },
  );
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const module = new Module(file);
  module.filename = file;
  const require = createRequire(file);
  module.paths = require.resolve.paths('') ?? [];
  run.call(module.exports, module.exports, require, module, file, dirname(file));
  // Once every module's body has run (all compiled by now): later functions compile lazily as usual.
  // (Writing it again once the app is up, with what the boot compiled after, measured the same.)
  if (!cachedData || script.cachedDataRejected === true)
    writeQuietly(cacheFile, script.createCachedData());
}

/** The last line `npm run build` appends to the bundle: its content's hash, made at build time. */
export const BUILD_ID = /\/\/# buildId=([0-9a-f]{16})\s*$/;

function cacheKey(source: string): string {
  // Hashing 9 MB at every boot costs about as much as a tenth of what the cache saves.
  const content = BUILD_ID.exec(source.slice(-64))?.[1] ?? sha1(source);
  // V8 rejects a cache made under other flags: one cache per set, or two sets would take turns.
  const flags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  return sha1(`${content} ${process.version} ${process.versions.v8} ${process.arch} ${flags}`);
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 16);
}

function readIfExists(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

// A read-only install still starts, only without the cache; the rename keeps a half-written cache
// from ever being read.
function writeQuietly(path: string, data: Buffer): void {
  try {
    writeFileSync(`${path}.${process.pid}.tmp`, data);
    renameSync(`${path}.${process.pid}.tmp`, path);
  } catch {
    // no cache this time
  }
}
