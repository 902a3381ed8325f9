import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testKeyPair } from '../packages/nest-auth/src/testing';
import { AppProcess, freePort } from './support/app-process';
import { keyEnv, writeKeyFiles } from './support/key-files';

const GOOD_SECRET = 'f'.repeat(64);
const PLACEHOLDER_WARNING = 'SECURITY WARNING: this server signs tokens and encrypts MFA secrets';
/** A stack frame line, as Node and Nest print them. */
const STACK_FRAME = /\n\s+at .+\(|\n\s+at [^\s]+:\d+:\d+/;

/** Production on PostgreSQL at a port nothing listens on. */
async function productionWithDatabaseDown(): Promise<{
  env: Record<string, string>;
  port: number;
}> {
  const port = await freePort();
  const env = {
    LEX_ENV: 'production',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    // The example host mounts PasskeysModule, which needs its site in production.
    LEX_AUTH__PASSKEYS__RP_ID: 'example.com',
    LEX_AUTH__PASSKEYS__ORIGINS: 'https://example.com',
    DB_TYPE: 'postgres',
    DB_HOST: '127.0.0.1',
    DB_PORT: String(port),
    DB_USER: 'u',
    DB_PASS: 'p',
    DB_NAME: 'n',
  };
  return { env, port };
}

async function runToExit(env: Record<string, string>) {
  const app = await AppProcess.start(env);
  const code = await app.exitCode();
  return { code, output: app.output };
}

describe('Boot checks run before anything connects', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('production, a 1024-bit RSA key and the database down: every problem listed at once, exit 1, no stack', async () => {
    const keys = writeKeyFiles(testKeyPair('RS256', 1024));
    dirs.push(join(keys.privateKey, '..'));
    const { env, port } = await productionWithDatabaseDown();

    const { code, output } = await runToExit({ ...env, ...keyEnv('RS256', keys) });

    expect(code).toBe(1);
    expect(output).toContain('Refusing to start: 3 problem(s)');
    expect(output).toContain(
      '  - LEX_AUTH__TOKEN__PRIVATE_KEY: is a 1024-bit RSA key; RS256 needs at least 2048 bits',
    );
    expect(output).toContain('  - LEX_AUTH__TOKEN__PUBLIC_KEY: is a 1024-bit RSA key');
    expect(output).toContain(
      `  - DB_HOST/DB_PORT: PostgreSQL at 127.0.0.1:${port} refused the connection. Check DB_HOST and DB_PORT`,
    );
    expect(output).not.toMatch(STACK_FRAME);
    // Refused before Nest started: nothing tried to connect or build a TokenService.
    expect(output).not.toContain('Starting Nest application');
    expect(output).not.toContain('Unable to connect to the database');
  });

  it('a database that refuses the connection is named by DB_HOST/DB_PORT in one line, no stack', async () => {
    const { env, port } = await productionWithDatabaseDown();

    const { code, output } = await runToExit({ ...env, LEX_AUTH__SECRET_KEY: GOOD_SECRET });

    expect(code).toBe(1);
    expect(output.trim().split('\n')).toEqual([
      'Refusing to start: 1 problem(s)',
      `  - DB_HOST/DB_PORT: PostgreSQL at 127.0.0.1:${port} refused the connection. Check DB_HOST and DB_PORT, and that the database is running and reachable from this host.`,
    ]);
  });

  it('development on the placeholder secret warns once at boot, naming the variables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lex-auth-boot-checks-'));
    dirs.push(dir);
    const app = await AppProcess.start({ DB_PATH: join(dir, 'dev.sqlite') });
    try {
      await app.ready();
    } finally {
      await app.stop();
    }

    expect(app.output.split(PLACEHOLDER_WARNING)).toHaveLength(2);
    const line = app.output.split('\n').find((l) => l.includes(PLACEHOLDER_WARNING))!;
    expect(JSON.parse(line)).toMatchObject({ level: 40, context: 'AuthConfig' });
    expect(line).toContain('LEX_AUTH__SECRET_KEY / LEX_AUTH__TOKEN__SECRET_KEY not set');
    expect(line).toContain('openssl rand -hex 32');
  });

  it('says nothing of it once a secret is set, nor in the test environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lex-auth-boot-checks-'));
    dirs.push(dir);
    const quiet: Record<string, string>[] = [
      { DB_PATH: join(dir, 'a.sqlite'), LEX_AUTH__SECRET_KEY: GOOD_SECRET },
      { DB_PATH: join(dir, 'b.sqlite'), LEX_ENV: 'test' },
    ];
    const apps: AppProcess[] = [];
    // One after the other: two boots at once on a busy machine outrun the ready timeout.
    for (const env of quiet) {
      const app = await AppProcess.start(env);
      apps.push(app);
      try {
        await app.ready(40000);
      } finally {
        await app.stop();
      }
    }

    for (const app of apps) {
      expect(app.output).toContain('Nest application successfully started');
      expect(app.output).not.toContain('SECURITY WARNING');
    }
  });

  it('production without the passkey site of the mounted PasskeysModule: both variables named, exit 1', async () => {
    const { env } = await productionWithDatabaseDown();
    const withoutPasskeys = {
      ...env,
      LEX_AUTH__PASSKEYS__RP_ID: '',
      LEX_AUTH__PASSKEYS__ORIGINS: '',
    };
    const { code, output } = await runToExit(withoutPasskeys);

    expect(code).toBe(1);
    expect(output).toContain('  - LEX_AUTH__PASSKEYS__RP_ID: PasskeysModule needs the site');
    expect(output).toContain(
      '  - LEX_AUTH__PASSKEYS__ORIGINS: PasskeysModule needs the https origins',
    );
    expect(output).not.toMatch(STACK_FRAME);
  });
});
