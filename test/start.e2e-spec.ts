import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { appendFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './support/temp-dirs';

const ROOT = join(__dirname, '..');
const START = join(ROOT, 'src', 'start');

/** A two-line TypeScript program bundled as `npm run build` bundles the host: linked map, minified. */
async function bundle(dir: string, message: string): Promise<string> {
  writeFileSync(
    join(dir, 'app.ts'),
    `const fail = (why: string): never => { throw new Error(why); };\n` +
      `try { fail(${JSON.stringify(message)}); } catch (e) { console.log((e as Error).stack); console.log('dir ' + __dirname); }\n` +
      // esbuild leaves a regular expression's non-ASCII as it is: read as latin1 it would not match.
      `console.log('regexp ' + /é/.test('\\u00e9'));\n`,
  );
  const outfile = join(dir, 'out', 'bundle.js');
  await build({
    entryPoints: [join(dir, 'app.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    sourcemap: 'linked',
    sourcesContent: false,
    minifyWhitespace: true,
    logLevel: 'silent',
  });
  return outfile;
}

/** Runs `file` the way dist/start.js runs the host's bundle, in its own Node process. */
function start(file: string): string {
  const program =
    `require(${JSON.stringify(join(START, 'source-mapped-stacks'))}).mapStackTraces(${JSON.stringify(file)});` +
    `require(${JSON.stringify(join(START, 'code-cache'))}).runWithCodeCache(${JSON.stringify(file)});`;
  return execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', program], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TS_NODE_SWC: 'true' },
    encoding: 'utf8',
  });
}

const caches = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.v8-cache'));

describe('dist/start.js: the bundle with a code cache and mapped stack traces', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir('lex-start-')));

  it('names the TypeScript file and line in a stack trace, and gives the module its own folder', async () => {
    const file = await bundle(dir, 'from the bundle');
    const output = start(file);
    expect(output).toContain('Error: from the bundle');
    expect(output).toMatch(new RegExp(`at fail \\(${join(dir, 'app.ts')}:1:\\d+\\)`));
    expect(output).not.toContain('bundle.js:');
    expect(output).toContain(`dir ${join(dir, 'out')}`);
    expect(output).toContain('regexp true');
  });

  it('writes the cache on the first run and reads it, unchanged, on the next', async () => {
    const file = await bundle(dir, 'cached');
    start(file);
    const [cache] = caches(join(dir, 'out'));
    expect(cache).toMatch(/^bundle\.js\.[0-9a-f]{16}\.v8-cache$/);
    const written = statSync(join(dir, 'out', cache));
    expect(start(file)).toContain('Error: cached');
    // A rejected cache would be written again (a new file renamed over it).
    expect(statSync(join(dir, 'out', cache)).ino).toBe(written.ino);
    expect(caches(join(dir, 'out'))).toEqual([cache]);
  });

  it('keys the cache by the content: a rebuilt bundle never reads the old one', async () => {
    const file = await bundle(dir, 'first build');
    start(file);
    const [first] = caches(join(dir, 'out'));
    await bundle(dir, 'other build');
    expect(start(file)).toContain('Error: other build');
    expect(caches(join(dir, 'out'))).toEqual(expect.arrayContaining([first]));
    expect(caches(join(dir, 'out'))).toHaveLength(2);
  });

  it("takes the content's hash from the build id `npm run build` appends, when there is one", async () => {
    const file = await bundle(dir, 'with an id');
    appendFileSync(file, '//# buildId=0123456789abcdef\n');
    start(file);
    const [withId] = caches(join(dir, 'out'));
    await bundle(dir, 'with an id');
    appendFileSync(file, '//# buildId=fedcba9876543210\n');
    expect(start(file)).toContain('Error: with an id');
    // Same code, another id: another cache.
    expect(caches(join(dir, 'out'))).toHaveLength(2);
    expect(caches(join(dir, 'out'))).toContain(withId);
  });
});
