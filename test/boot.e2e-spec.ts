import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { AppProcess } from './support/app-process';
import { sharedPostgres } from './support/services/shared-services';
import { makeTempDir } from './support/temp-dirs';

const GOOD_SECRET = 'f'.repeat(64);
const PG_ENV = {
  DB_TYPE: 'postgres',
  DB_HOST: '127.0.0.1',
  DB_PORT: '1',
  DB_USER: 'u',
  DB_PASS: 'p',
  DB_NAME: 'n',
};

const tempDir = () => makeTempDir('lex-auth-boot-');

async function refusal(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const app = await AppProcess.start(env);
  const code = await app.exitCode();
  return { code, output: app.output };
}

describe('Booting the example host as a process', () => {
  it('starts on the embedded defaults and creates its SQLite file and schema', async () => {
    const dbPath = join(tempDir(), 'nested', 'app.sqlite');
    const app = await AppProcess.start({ DB_PATH: dbPath });
    try {
      await app.ready();
      expect(existsSync(dbPath)).toBe(true);
      const res = await fetch(`${app.url}/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'boot@example.com',
          password: 'correct horse battery staple',
        }),
      });
      expect(res.status).toBe(201);
    } finally {
      await app.stop();
    }
  });

  it('refuses production with the default secret, SQLite and no DB_* variables, naming each', async () => {
    const { code, output } = await refusal({ LEX_ENV: 'production' });
    expect(code).toBe(1);
    expect(output).toContain(
      'CRITICAL SECURITY ERROR: Default JWT secret_key detected in PRODUCTION. You MUST set a secure secret key via LEX_AUTH__TOKEN__SECRET_KEY.',
    );
    expect(output).toContain('DB_TYPE');
    for (const name of ['DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASS', 'DB_NAME'])
      expect(output).toContain(`${name}: is required`);
  });

  it('says STAGING in staging', async () => {
    const { code, output } = await refusal({ LEX_ENV: 'staging', ...PG_ENV });
    expect(code).toBe(1);
    expect(output).toContain('Default JWT secret_key detected in STAGING');
  });

  it('refuses an HS256 secret under 32 bytes in production, with how to make one', async () => {
    const { code, output } = await refusal({
      LEX_ENV: 'production',
      ...PG_ENV,
      LEX_AUTH__TOKEN__SECRET_KEY: 'x'.repeat(31),
    });
    expect(code).toBe(1);
    expect(output).toContain('HS256 requires a secret of at least 32 bytes');
    expect(output).toContain('openssl rand -hex 32');
    expect(output).not.toContain('x'.repeat(31));
  });

  it('names a leftover DATABASE_* variable and refuses synchronize', async () => {
    const { code, output } = await refusal({
      LEX_ENV: 'production',
      LEX_AUTH__SECRET_KEY: GOOD_SECRET,
      DB_TYPE: 'postgres',
      DATABASE_HOST: 'db.internal',
      DB_SYNCHRONIZE: 'true',
    });
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_HOST is set: rename it to DB_HOST');
    expect(output).toContain('DB_SYNCHRONIZE');
  });

  it('refuses an invalid setting at boot, naming the variable', async () => {
    const { code, output } = await refusal({
      LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS: 'soon',
      LEX_AUTH__LOGIN_RATE_LIMIT: '5/week',
    });
    expect(code).toBe(1);
    expect(output).toContain('LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS');
    expect(output).toContain('LEX_AUTH__LOGIN_RATE_LIMIT');
  });

  it('reads the YAML file named by LEX_CONFIG_FILE, and the environment overrides it', async () => {
    const dir = tempDir();
    const file = join(dir, 'config.yaml');
    writeFileSync(
      file,
      'auth:\n  token:\n    access_ttl_seconds: 600\n  login_rate_limit: "5/week"\n',
    );
    const { code, output } = await refusal({
      LEX_CONFIG_FILE: file,
      DB_PATH: join(dir, 'a.sqlite'),
    });
    expect(code).toBe(1);
    expect(output).toContain('LEX_AUTH__LOGIN_RATE_LIMIT');
    expect(output).toContain('auth.login_rate_limit');

    const app = await AppProcess.start({
      LEX_CONFIG_FILE: file,
      DB_PATH: join(dir, 'b.sqlite'),
      LEX_AUTH__LOGIN_RATE_LIMIT: '5/minute',
    });
    try {
      await app.ready();
    } finally {
      await app.stop();
    }
  });
});

describe('Schema check in production (PostgreSQL)', () => {
  it('refuses a schema that is behind, naming the command; starts once `npm run migration:run` ran', async () => {
    const pg = await sharedPostgres().createDatabase();
    const env = {
      LEX_ENV: 'production',
      LOG_LEVEL: 'warn',
      LEX_AUTH__TOKEN__SECRET_KEY: GOOD_SECRET,
      // Production needs a mail server for reset and verification links; none is contacted here.
      SMTP_URL: 'smtp://127.0.0.1:2525',
      // The example host mounts PasskeysModule, which needs its site in production.
      LEX_AUTH__PASSKEYS__RP_ID: 'example.com',
      LEX_AUTH__PASSKEYS__ORIGINS: 'https://example.com',
      DB_TYPE: 'postgres',
      DB_HOST: pg.host,
      DB_PORT: String(pg.port),
      DB_USER: pg.user,
      DB_PASS: 'unused-with-trust-auth',
      DB_NAME: pg.database,
    };
    const { code, output } = await refusal(env);
    expect(code).toBe(1);
    expect(output).toContain('pending migrations');
    expect(output).toContain('npm run migration:run');

    execFileSync('npm', ['run', '--silent', 'migration:run'], {
      cwd: join(__dirname, '..'),
      env: {
        PATH: process.env.PATH ?? '',
        TS_NODE_SWC: 'true',
        TS_NODE_TRANSPILE_ONLY: 'true',
        ...env,
      },
      stdio: 'pipe',
    });
    const app = await AppProcess.start(env);
    try {
      await app.ready();
    } finally {
      await app.stop();
    }
  });
});

describe('Debug logging', () => {
  it('logs one structured line per auth decision and never a password, token or hash', async () => {
    const dbPath = join(tempDir(), 'log.sqlite');
    const app = await AppProcess.start({
      DB_PATH: dbPath,
      LOG_LEVEL: 'debug',
      ACCESS_LOG: 'all',
      LEX_AUTH__PASSWORD__ROUNDS: '4',
    });
    const password = 'Sup3r-Secret-Passphrase!';
    let pair = { access_token: '', refresh_token: '' };
    try {
      await app.ready();
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${app.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      expect((await post('/auth/register', { email: 'log@example.com', password })).status).toBe(
        201,
      );
      expect(
        (await post('/auth/login', { email: 'log@example.com', password: 'wrong-password-here' }))
          .status,
      ).toBe(401);
      pair = (await (
        await post('/auth/login', { email: 'log@example.com', password })
      ).json()) as typeof pair;
      expect(
        (await post('/auth/logout', {}, { authorization: `Bearer ${pair.access_token}` })).status,
      ).toBe(204);
      await post(`/auth/login?password=${password}`, {});
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await app.stop();
    }
    const lines = app.output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const decisions = lines.filter((l) => l.context === 'Auth');
    expect(decisions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: 'register',
          outcome: 'success',
          identifier: 'log@example.com',
        }),
        expect.objectContaining({
          event: 'login',
          outcome: 'failure',
          reason: 'wrong_password',
          attemptsLeft: 4,
        }),
        expect.objectContaining({
          event: 'login',
          outcome: 'success',
          identifier: 'log@example.com',
        }),
        expect.objectContaining({ event: 'logout', outcome: 'success' }),
      ]),
    );
    // With ACCESS_LOG=all, one access line per answered request (Fastify), no header, no query value.
    const access = lines.filter((l) => l.context === 'HTTP').map((l) => [l.url, l.statusCode]);
    expect(access).toEqual(
      expect.arrayContaining([
        ['/auth/register', 201],
        ['/auth/login', 401],
        ['/auth/login', 200],
        ['/auth/logout', 204],
        ['/auth/login?password=[redacted]', 400],
      ]),
    );
    expect(app.output).not.toContain(password);
    expect(app.output).not.toContain('wrong-password-here');
    expect(app.output).not.toContain(pair.access_token);
    expect(app.output).not.toContain(pair.access_token.split('.')[2]);
    expect(app.output).not.toContain(pair.refresh_token.split('.')[2]);
    expect(app.output).not.toMatch(/\$2[aby]\$\d\d\$/);
  });
});

describe('Access log on Express', () => {
  it('writes a line per refused request at info by default (ACCESS_LOG=errors), with the status and no query value', async () => {
    const app = await AppProcess.start({
      DB_PATH: join(tempDir(), 'express.sqlite'),
      HTTP_ADAPTER: 'express',
      LOG_LEVEL: 'info',
    });
    try {
      await app.ready();
      expect((await fetch(`${app.url}/auth/me?token=leaked-secret`)).status).toBe(401);
      expect((await fetch(`${app.url}/whoami`)).status).toBe(401);
      expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await app.stop();
    }
    const access = app.output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.context === 'HTTP');
    expect(access).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          msg: 'request completed',
          method: 'GET',
          url: '/auth/me?token=[redacted]',
          statusCode: 401,
        }),
        expect.objectContaining({ url: '/whoami', statusCode: 401 }),
      ]),
    );
    // The successful bulk is not logged unless ACCESS_LOG=all.
    expect(access.filter((l) => l.url === '/health/live')).toEqual([]);
    expect(app.output).not.toContain('leaked-secret');
  });
});
