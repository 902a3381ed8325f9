import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './support/app-process';
import { makeTempDir } from './support/temp-dirs';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const BUNDLE = join(DIST, 'main.bundle.js');
const SOURCES = ['src', 'packages/nest-auth/src', 'scripts/bundle', 'package.json'];

/** The newest modification time under `path`. */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** `npm start`'s command (`node dist/…`), as package.json says it. */
function startCommand(): string[] {
  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const [node, ...args] = scripts.start.split(' ');
  expect(node).toBe('node');
  return args;
}

function startBundle(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, startCommand(), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function ready(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bundle exited ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`bundle not ready:\n${output()}`);
}

/**
 * What `npm start` runs after `npm run build`: the host in one file (dist/main.bundle.js) through
 * dist/start.js. The suites test the sources; this one proves the bundle boots, answers, finds the
 * files it reads from disk and keeps the boot checks. It builds first when the build is older than
 * the sources (CI has just built; a fresh clone has not).
 */
describe('the bundle `npm start` runs', () => {
  beforeAll(async () => {
    const built = existsSync(BUNDLE) ? statSync(BUNDLE).mtimeMs : 0;
    if (built < Math.max(...SOURCES.map((path) => newest(join(ROOT, path)))))
      await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, maxBuffer: 1 << 24 });
  }, 300_000);

  it('boots on the defaults and answers: API, pages, docs assets, bad input as 4xx JSON', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const dbPath = join(makeTempDir('lex-auth-bundle-'), 'app.sqlite');
    const { child, output } = startBundle({ PORT: String(port), DB_PATH: dbPath });
    try {
      await ready(url, child, output);
      const body = JSON.stringify({
        email: 'bundle@example.com',
        password: 'correct horse battery staple',
      });
      const headers = { 'content-type': 'application/json' };
      expect((await fetch(`${url}/auth/register`, { method: 'POST', headers, body })).status).toBe(
        201,
      );
      const login = await fetch(`${url}/auth/login`, { method: 'POST', headers, body });
      expect(login.status).toBe(200);
      const { access_token } = (await login.json()) as { access_token: string };
      const me = await fetch(`${url}/auth/me`, {
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(await me.json()).toMatchObject({ email: 'bundle@example.com' });
      // Read from disk beside their own modules: dist/pages/static, @simplewebauthn/browser, Swagger UI.
      for (const path of [
        '/sign-in',
        '/pages/assets/simplewebauthn-browser.js',
        '/docs/swagger-ui-bundle.js',
      ])
        expect([path, (await fetch(`${url}${path}`)).status]).toEqual([path, 200]);
      // The common-password list is required on first use, from inside the bundle.
      const common = await fetch(`${url}/auth/register`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ email: 'common@example.com', password: 'password1234' }),
      });
      expect([common.status, JSON.stringify(await common.json())]).toEqual([
        422,
        expect.stringContaining('common_password'),
      ]);
      const bad = await fetch(`${url}/auth/login`, { method: 'POST', headers, body: '{"email":' });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({
        statusCode: 400,
        error: expect.any(String),
        message: expect.any(String),
      });
      expect(readdirSync(DIST).filter((name) => name.endsWith('.v8-cache'))).not.toHaveLength(0);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  });

  it('still refuses a bad configuration at boot, naming it', async () => {
    const { child, output } = startBundle({ PORT: '0', LEX_ENV: 'production' });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(output()).toContain('Refusing to start');
    expect(output()).toContain('LEX_AUTH__TOKEN__SECRET_KEY');
  });

  it('has a source map that leads back to the TypeScript files', () => {
    const map = new SourceMap(JSON.parse(readFileSync(`${BUNDLE}.map`, 'utf8')) as never);
    // `bufferLogs: true` is written once, in src/main.ts (minified to `bufferLogs:!0`).
    const lines = readFileSync(BUNDLE, 'utf8').split('\n');
    const line = lines.findIndex((text) => text.includes('bufferLogs:!0'));
    const entry = map.findEntry(line, lines[line].indexOf('bufferLogs:!0'));
    if (!('originalSource' in entry)) throw new Error('no mapping for bufferLogs');
    expect(entry.originalSource).toMatch(/(^|\/)src\/main\.ts$/);
    const source = readFileSync(join(DIST, entry.originalSource), 'utf8').split('\n');
    expect(source[entry.originalLine]).toContain('bufferLogs: true');
  });
});
