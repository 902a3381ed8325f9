import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir } from './support/temp-dirs';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const LIBRARY = join(ROOT, 'packages', 'nest-auth');
const FIXTURE = join(__dirname, 'fixtures', 'new-nest-app');
const LIBRARY_PACKAGE = JSON.parse(readFileSync(join(LIBRARY, 'package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
};
// The peer range's ends: the lowest TypeORM it names and the newest one the registry has in it.
const TYPEORM_VERSIONS = ['1.0.0', LIBRARY_PACKAGE.peerDependencies.typeorm];
const NPM_FLAGS = ['--no-audit', '--no-fund', '--loglevel=error'];

/** What `nest new` writes into package.json, with the package and the SQLite driver added. */
function scratchPackageJson(tarball: string): string {
  return JSON.stringify(
    {
      name: 'new-nest-app',
      version: '0.0.1',
      private: true,
      license: 'UNLICENSED',
      scripts: { build: 'tsc -p tsconfig.build.json', 'start:prod': 'node dist/main' },
      dependencies: {
        '@nestjs/common': '^11.0.1',
        '@nestjs/core': '^11.0.1',
        '@nestjs/platform-express': '^11.0.1',
        'reflect-metadata': '^0.2.2',
        rxjs: '^7.8.1',
        // What the README's quick start installs; npm adds the required peers itself.
        '@lexigram/nest-auth': `file:${tarball}`,
        'better-sqlite3': '^12.0.0',
        typeorm: LIBRARY_PACKAGE.peerDependencies.typeorm,
      },
      devDependencies: {
        '@nestjs/testing': '^11.0.1',
        '@types/node': '^22.10.7',
        typescript: '^5.7.3',
      },
    },
    null,
    2,
  );
}

async function npm(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('npm', [...args, ...NPM_FLAGS], { cwd, maxBuffer: 1 << 24 });
  return stdout;
}

/** Starts the scratch app and waits for its READY line. */
function startScratchApp(cwd: string, dbPath: string) {
  const child: ChildProcess = spawn(process.execPath, ['dist/main.js'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', DB_PATH: dbPath, LEX_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<{ url: string; resolved: string[] }>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /READY (\{.*\})/.exec(output);
      if (line) resolve(JSON.parse(line[1]) as { url: string; resolved: string[] });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`scratch app exited ${code}:\n${output}`)));
  });
  return { child, ready, output: () => output };
}

/**
 * The package as a newcomer gets it: `npm pack`, a scratch app of the files `nest new` makes
 * (tsconfig with module/moduleResolution nodenext), `npm install` of the tarball, which brings
 * the required peers at their supported versions, and a real boot over HTTP. Anything the
 * package imports from outside itself, or a dependency it forgot to declare, fails here.
 */
describe('the package, installed into a new Nest 11 app', () => {
  let app: string;

  beforeAll(async () => {
    const packed = makeTempDir('lex-auth-pack-');
    await npm(LIBRARY, ['pack', '--pack-destination', packed]);
    const tarball = join(
      packed,
      readdirSync(packed).find((f) => f.endsWith('.tgz'))!,
    );
    app = join(makeTempDir('lex-auth-new-app-'), 'new-nest-app');
    cpSync(FIXTURE, app, { recursive: true });
    writeFileSync(join(app, 'package.json'), scratchPackageJson(tarball));
    await npm(app, ['install']);
  }, 600_000);

  it('ships only its build, with types, and declares what it imports', async () => {
    const listed = JSON.parse(await npm(LIBRARY, ['pack', '--dry-run', '--json'])) as {
      files: { path: string }[];
    }[];
    const files = listed[0].files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts']));
    expect(files.filter((f) => !/^(dist\/|package\.json$|README\.md$|LICENSE$)/.test(f))).toEqual(
      [],
    );
    expect(files.filter((f) => /\.spec\.|\/src\//.test(f))).toEqual([]);
    // Required peers come with the install; the optional ones are not installed here.
    const installed = await npm(app, ['ls', '--all', '--parseable']);
    for (const peer of ['@nestjs/passport', '@nestjs/throttler', 'passport']) {
      expect(installed).toContain(join('node_modules', peer));
    }
    for (const optional of [
      'ioredis',
      'argon2',
      'nodemailer',
      '@nestjs/event-emitter',
      '@nestjs/swagger',
      '@nestjs/terminus',
    ]) {
      expect(installed).not.toContain(join('node_modules', optional) + '\n');
    }
  });

  it.each(TYPEORM_VERSIONS)(
    'compiles under nodenext, boots on SQLite with TypeORM %s, logs in over HTTP, and runs a stub test',
    async (typeorm) => {
      await npm(app, ['install', `typeorm@${typeorm}`]);
      const installed = (
        JSON.parse(readFileSync(join(app, 'node_modules', 'typeorm', 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
      if (!typeorm.startsWith('^')) expect(installed).toBe(typeorm);
      await run('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: app });

      const scratch = startScratchApp(app, join(app, `typeorm-${installed}.sqlite`));
      try {
        const { url, resolved } = await scratch.ready;
        expect(resolved).toEqual([
          expect.stringMatching(/Authenticator$/),
          'TypeOrmLoginAttemptTracker',
          expect.stringMatching(/TokenBlacklist$/),
        ]);
        const credentials = { email: 'new@example.com', password: 'correct horse battery staple' };
        const post = (path: string) =>
          fetch(`${url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(credentials),
          });
        expect((await post('/auth/register')).status).toBe(201);
        const login = await post('/auth/login');
        expect(login.status).toBe(200);
        const { access_token } = (await login.json()) as { access_token: string };
        const hello = await fetch(url, { headers: { authorization: `Bearer ${access_token}` } });
        expect(hello.status).toBe(200);
        expect(await hello.text()).toMatch(/^Hello World! [0-9a-f-]{36}$/);
        expect((await fetch(url)).status).toBe(401);

        // configureAuthApp's body rule, in a host that only called it.
        const send = (body: string) =>
          fetch(`${url}/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
        const malformed = await send('{"email":"new@example.com","password":"hunter2');
        expect(malformed.status).toBe(400);
        expect(await malformed.json()).toEqual({
          statusCode: 400,
          error: 'RequestValidationError',
          message: 'The request body is not valid JSON.',
        });
        const large = await send(JSON.stringify({ email: 'x'.repeat(50 * 1024) }));
        expect(large.status).toBe(413);
        expect(await large.json()).toMatchObject({ error: 'PayloadTooLargeError' });
      } finally {
        scratch.child.kill('SIGTERM');
      }

      const { stdout } = await run(process.execPath, ['dist/stub-check.js'], { cwd: app });
      expect(JSON.parse(/STUB (\{.*\})/.exec(stdout)![1])).toEqual({
        signedIn: [200, 'Hello World! u-1'],
        anonymous: 401,
      });
      const openapi = await run(process.execPath, ['dist/openapi-check.js'], { cwd: app });
      expect(JSON.parse(/OPENAPI (\{.*\})/.exec(openapi.stdout)![1])).toEqual({
        login: ['post'],
        errorBody: true,
      });
    },
    300_000,
  );

  it('runs its bin in the app: npx lexigram-auth doctor, over the app module it names', async () => {
    await run('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: app });
    const env = {
      PATH: process.env.PATH ?? '',
      DB_PATH: join(app, 'cli.sqlite'),
      LEX_ENV: 'test',
    };
    const bin = (args: string[]) =>
      run('npx', ['--no-install', 'lexigram-auth', ...args], { cwd: app, env }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );

    const help = await bin(['doctor', '--help']);
    expect(help).toMatchObject({ code: 0, stdout: expect.stringMatching(/doctor/) });

    const noModule = await bin(['users:show', 'new@example.com']);
    expect(noModule.code).toBe(1);
    expect(noModule.stderr).toContain('pass --module <file>');

    const doctor = await bin(['--module', 'dist/cli-host.js', 'doctor', '--json']);
    const { findings } = JSON.parse(doctor.stdout) as {
      findings: { check: string; status: string }[];
    };
    const status = Object.fromEntries(findings.map((f) => [f.check, f.status]));
    expect(status).toMatchObject({
      configuration: 'ok',
      'user store': 'ok',
      'password hashes': 'ok',
      'login attempt tracker': 'ok',
      'token blacklist': 'ok',
      clock: 'ok',
    });
  }, 120_000);
});
