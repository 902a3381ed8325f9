import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { AppProcess } from './support/app-process';
import { runCli, runCliJson } from './support/cli-process';
import { makeTempDir } from './support/temp-dirs';

const SECRET = 'c0ffee'.repeat(11); // 66 bytes: long enough for every HS* algorithm
const PASSWORD = 'correct horse battery staple';

let dir: string;
beforeAll(() => (dir = makeTempDir('lex-auth-cli-')));

/** The CLI's environment: a test deployment on its own SQLite file, fast hashing. */
const envFor = (dbFile: string, extra: Record<string, string> = {}): Record<string, string> => ({
  LEX_ENV: 'test',
  DB_PATH: join(dir, dbFile),
  LEX_AUTH__TOKEN__SECRET_KEY: SECRET,
  LEX_AUTH__PASSWORD__ROUNDS: '4',
  LEX_AUTH__LOGIN_RATE_LIMIT: '1000/minute',
  ...extra,
});

/** An access token as this server mints it, with claims a test may bend. */
function mintAccessToken(
  claims: { sub: string; exp?: number; aud?: string },
  secret = SECRET,
): Promise<string> {
  const nowMs = Date.now();
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({ sid: randomUUID(), jti: randomUUID(), iat_ms: nowMs, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setIssuer('lexigram-auth')
    .setIssuedAt(iat)
    .setExpirationTime(claims.exp ?? iat + 600)
    .sign(new TextEncoder().encode(secret));
}

describe('admin CLI: usage', () => {
  const env = () => envFor('usage.sqlite');
  const COMMANDS = [
    'users:create',
    'users:reset-password',
    'users:show',
    'lockout:status',
    'lockout:clear',
    'tokens:decode',
    'tokens:revoke',
    'tokens:revoke-user',
    'config:show',
    'config:check',
    'doctor',
  ];

  it('lists every command with --help and exits 0', async () => {
    const run = await runCli(['--help'], { env: env() });
    expect(run.code).toBe(0);
    for (const name of COMMANDS) expect(run.stdout).toContain(name);
  });

  it('prints each command its own help with usage and exit codes', async () => {
    const runs = await Promise.all(COMMANDS.map((c) => runCli([c, '--help'], { env: env() })));
    runs.forEach((run, i) => {
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: lexigram-auth ${COMMANDS[i]}`);
      expect(run.stdout).toContain('Exit codes: 0 ok, 1 the command failed, 2 usage error.');
    });
    // One process per command, all at once: on a 2-core machine they queue behind each other.
  }, 120_000);

  it('exits 2 for no command, an unknown command or a missing argument', async () => {
    const [none, unknown, missing] = await Promise.all([
      runCli([], { env: env() }),
      runCli(['users:delete', 'a@b.c'], { env: env() }),
      runCli(['users:show'], { env: env() }),
    ]);
    expect([none.code, unknown.code, missing.code]).toEqual([2, 2, 2]);
    expect(unknown.stderr).toContain('Unknown command "users:delete"');
    expect(missing.stderr).toContain('Usage: lexigram-auth users:show <email>');
  });
});

describe('admin CLI: users', () => {
  const env = () => envFor('users.sqlite');

  it('users:create reads the password from stdin, normalises the email, prints no secret', async () => {
    const run = await runCliJson(['users:create', '  Ann@Example.COM '], {
      env: env(),
      input: `${PASSWORD}\n`,
    });
    expect(run.code).toBe(0);
    expect(run.body).toMatchObject({ email: 'ann@example.com', id: expect.any(String) });
    expect(JSON.stringify(run.body)).not.toContain(PASSWORD);
  });

  it('users:create applies the password policy and lists every broken rule (exit 1)', async () => {
    const run = await runCliJson(['users:create', 'weak@example.com'], {
      env: env(),
      input: 'short',
    });
    expect(run.code).toBe(1);
    expect(run.body.error).toBe('PasswordPolicyError');
    const rules = (run.body.violations as { rule: string }[]).map((v) => v.rule);
    expect(rules).toEqual(expect.arrayContaining(['min_length']));
  });

  it('users:create refuses an empty stdin (exit 2) and a taken email (exit 1)', async () => {
    const empty = await runCli(['users:create', 'nopw@example.com'], { env: env() });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('No password on stdin');
    const taken = await runCli(['users:create', 'ann@example.com'], {
      env: env(),
      input: PASSWORD,
    });
    expect(taken.code).toBe(1);
  });

  it('users:show prints the hash algorithm and cost, never the hash', async () => {
    const run = await runCli(['users:show', 'ANN@example.com'], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('hashAlgorithm: bcrypt (2b)');
    expect(run.stdout).toContain('hashParameters: cost=4');
    expect(run.stdout).not.toContain('$2b$');
  });

  it('users:show of an unknown email exits 1 naming it', async () => {
    const run = await runCli(['users:show', 'ghost@example.com'], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No user with email ghost@example.com');
  });
});

describe('admin CLI: lockout, tokens and password reset against a running app', () => {
  const env = () => envFor('live.sqlite', { LEX_AUTH__MAX_FAILED_ATTEMPTS: '3' });
  let app: AppProcess;
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });
  const me = (token: string) =>
    fetch(`${app.url}/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  // The CLI writes into the app's SQLite file from another process; the app's revocation replica
  // sees that commit at its next heartbeat (about a second), so the refusal is awaited, bounded.
  const meOnceRevoked = async (token: string) => {
    const deadline = Date.now() + 5000;
    let res = await me(token);
    while (res.status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      res = await me(token);
    }
    return res;
  };
  const login = async (password = PASSWORD) => {
    const res = await post('/auth/login', { email: 'bob@example.com', password });
    return {
      status: res.status,
      body: (await res.json()) as { access_token: string; refresh_token: string },
    };
  };

  beforeAll(async () => {
    const created = await runCli(['users:create', 'bob@example.com'], {
      env: env(),
      input: PASSWORD,
    });
    expect(created.code).toBe(0);
    app = await AppProcess.start(env());
    await app.ready();
  });
  afterAll(() => app?.stop());

  it('lockout:status shows the lock the app set, lockout:clear lifts it', async () => {
    for (let i = 0; i < 3; i++) await login('wrong password, attempt');
    expect((await login()).status).toBe(423);
    const locked = await runCliJson(['lockout:status', 'Bob@Example.com'], { env: env() });
    expect(locked.code).toBe(0);
    expect(locked.body).toMatchObject({ identifier: 'bob@example.com', attempts: 3, locked: true });

    const cleared = await runCli(['lockout:clear', 'bob@example.com'], { env: env() });
    expect(cleared.code).toBe(0);
    const after = await runCliJson(['lockout:status', 'bob@example.com'], { env: env() });
    expect(after.body).toMatchObject({ attempts: 0, locked: false, lockedUntil: null });
    expect((await login()).status).toBe(200);
  });

  it('tokens:decode shows claims, human expiry, and that a fresh token is accepted', async () => {
    const { body: pair } = await login();
    const run = await runCli(['tokens:decode', pair.access_token], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/expiresAt: \S+Z \(in 30 min\)/);
    expect(run.stdout).toContain('verdict: accepted as access token');
    expect(run.stdout).toContain('"typ":"at+jwt"');
  });

  it.each([
    ['expired', { exp: Math.floor(Date.now() / 1000) - 3600 }, {}, SECRET],
    ['audience', {}, { LEX_AUTH__TOKEN__REQUIRED_AUDIENCE: 'billing-api' }, SECRET],
    ['signature', {}, {}, 'another-secret-'.repeat(4)],
  ])('tokens:decode names the failing check: %s', async (reason, claims, extraEnv, secret) => {
    const token = await mintAccessToken({ sub: randomUUID(), ...claims }, secret);
    const run = await runCliJson(['tokens:decode', token], { env: { ...env(), ...extraEnv } });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.body).toMatchObject({ verdict: 'rejected', reason });
  });

  it('tokens:revoke <jwt> revokes that token in the running app; decode then says blacklisted', async () => {
    const { body: pair } = await login();
    expect((await me(pair.access_token)).status).toBe(200);
    const run = await runCliJson(['tokens:revoke', pair.access_token], { env: env() });
    expect(run.code).toBe(0);
    expect(run.body).toMatchObject({ revoked: true, alreadyRevoked: false });
    expect((await meOnceRevoked(pair.access_token)).status).toBe(401);
    const decoded = await runCliJson(['tokens:decode', pair.access_token], { env: env() });
    expect(decoded.body).toMatchObject({ verdict: 'rejected', reason: 'blacklisted' });
  });

  it('tokens:revoke <jti> revokes by id', async () => {
    const { body: pair } = await login();
    const jti = (
      JSON.parse(Buffer.from(pair.access_token.split('.')[1], 'base64url').toString()) as {
        jti: string;
      }
    ).jti;
    expect((await runCli(['tokens:revoke', jti], { env: env() })).code).toBe(0);
    expect((await meOnceRevoked(pair.access_token)).status).toBe(401);
  });

  it('tokens:revoke-user logs the user out everywhere', async () => {
    const [a, b] = [(await login()).body, (await login()).body];
    const run = await runCli(['tokens:revoke-user', 'bob@example.com'], { env: env() });
    expect(run.code).toBe(0);
    expect((await meOnceRevoked(a.access_token)).status).toBe(401);
    expect((await post('/auth/refresh', { refresh_token: b.refresh_token })).status).toBe(401);
    expect((await login()).status).toBe(200);
  });

  it('users:reset-password sets the password, revokes tokens and clears the lockout', async () => {
    const { body: before } = await login();
    for (let i = 0; i < 3; i++) await login('wrong password, attempt');
    const newPassword = 'a brand new passphrase 2026';
    const run = await runCliJson(['users:reset-password', 'bob@example.com'], {
      env: env(),
      input: `${newPassword}\n`,
    });
    expect(run.code).toBe(0);
    expect(run.body).toMatchObject({ passwordReset: true, lockoutCleared: true });
    expect((await meOnceRevoked(before.access_token)).status).toBe(401);
    expect((await login()).status).toBe(401);
    expect((await login(newPassword)).status).toBe(200);
  });

  it('users:reset-password refuses a password that breaks the policy (exit 1)', async () => {
    const run = await runCli(['users:reset-password', 'bob@example.com'], {
      env: env(),
      input: 'short',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('min_length');
  });
});

describe('admin CLI: config', () => {
  it('config:show prints each setting with its source and masks secrets', async () => {
    const env = envFor('config.sqlite', {
      REDIS_URL: 'redis://admin:hunter2@cache:6379/0',
      SMTP_URL: 'smtp://mailer:smtp-hunter3@mail.example.com:587',
    });
    const run = await runCliJson<{ auth: { key: string; value: unknown; source: string }[] }>(
      ['config:show'],
      { env },
    );
    expect(run.code).toBe(0);
    const byKey = Object.fromEntries(run.body.auth.map((s) => [s.key, s]));
    expect(byKey['token.secretKey']).toEqual({
      key: 'token.secretKey',
      value: '****',
      source: 'env',
    });
    expect(byKey['token.issuer']).toMatchObject({ value: 'lexigram-auth', source: 'default' });
    expect(byKey['password.rounds']).toMatchObject({ value: 4, source: 'env' });
    expect(byKey.redisUrl.value).toBe('redis://admin:****@cache:6379/0');
    expect(byKey['mail.smtpUrl']).toMatchObject({
      value: 'smtp://mailer:****@mail.example.com:587',
      source: 'env',
    });
    const text = JSON.stringify(run.body);
    expect(text).not.toContain('smtp-hunter3');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('hunter2');
  });

  it('config:check --env production lists every problem with its fix (exit 1)', async () => {
    const env = envFor('config.sqlite', { LEX_AUTH__TOKEN__SECRET_KEY: 'too-short' });
    const run = await runCli(['config:check', '--env', 'production'], { env });
    expect(run.code).toBe(1);
    for (const variable of ['DB_TYPE', 'DB_HOST', 'DB_PORT', 'DB_USER', 'DB_PASS', 'DB_NAME'])
      expect(run.stdout).toContain(`- ${variable}:`);
    expect(run.stdout).toContain('HS256 requires a secret of at least 32 bytes');
    expect(run.stdout).toContain('openssl rand -hex 32');
  });

  it('config:check --env production passes a complete production setup (exit 0)', async () => {
    const env = {
      LEX_AUTH__TOKEN__SECRET_KEY: SECRET,
      SMTP_URL: 'smtps://mailer:hunter2@mail.example.com:465',
      LEX_AUTH__PASSKEYS__RP_ID: 'example.com',
      LEX_AUTH__PASSKEYS__ORIGINS: 'https://auth.example.com',
      DB_TYPE: 'postgres',
      DB_HOST: 'db',
      DB_PORT: '5432',
      DB_USER: 'auth',
      DB_PASS: 'pw',
      DB_NAME: 'auth',
    };
    const run = await runCli(['config:check', '--env', 'production'], { env });
    expect(run.stdout).toContain('ok: the configuration is valid for production');
    expect(run.code).toBe(0);
  });

  it('config:check refuses an unknown environment name (exit 2)', async () => {
    const run = await runCli(['config:check', '--env', 'prod'], { env: envFor('config.sqlite') });
    expect(run.code).toBe(2);
  });
});

describe('admin CLI: doctor', () => {
  interface Finding {
    check: string;
    status: 'ok' | 'warn' | 'fail';
    message: string;
    fix?: string;
  }
  // An empty value removes the variable, to fall back to the built-in default.
  const env = (extra: Record<string, string> = {}) =>
    Object.fromEntries(
      Object.entries(envFor('doctor.sqlite', extra)).filter(([, value]) => value !== ''),
    );
  const doctor = async (extra: Record<string, string> = {}, preload?: string[]) => {
    const run = await runCliJson<{ ok: boolean; findings: Finding[] }>(['doctor'], {
      env: env(extra),
      preload,
    });
    const byCheck = Object.fromEntries(run.body.findings.map((f) => [f.check, f]));
    return { code: run.code, ...run.body, byCheck };
  };

  beforeAll(async () => {
    const created = await runCli(['users:create', 'dora@example.com'], {
      env: env(),
      input: PASSWORD,
    });
    expect(created.code).toBe(0);
  });

  it('reports every check ok on a healthy setup (exit 0)', async () => {
    const result = await doctor();
    expect(result.code).toBe(0);
    expect(Object.keys(result.byCheck)).toEqual([
      'configuration',
      'secret',
      'rate limit',
      'audience',
      'redis',
      'passkeys',
      // The example host's own check (its --module), after the module's.
      'database naming',
      'user store',
      'password hashes',
      'login attempt tracker',
      'token blacklist',
      'clock',
      'smtp',
    ]);
    for (const finding of result.findings) expect(finding).toMatchObject({ status: 'ok' });
  });

  it('prints one ok/warn/fail line per check in text mode', async () => {
    const run = await runCli(['doctor'], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^OK {4}secret: HS256 secret of 66 bytes$/m);
    expect(run.stdout).toMatch(/^OK {4}user store: reachable/m);
  });

  it.each<[string, Record<string, string>, string, 'warn' | 'fail', RegExp]>([
    [
      'the default secret',
      { LEX_AUTH__TOKEN__SECRET_KEY: '' },
      'secret',
      'warn',
      /openssl rand -hex 32/,
    ],
    [
      'a short secret',
      { LEX_AUTH__TOKEN__SECRET_KEY: 'short' },
      'secret',
      'warn',
      /openssl rand -hex 32/,
    ],
    [
      'the default secret in production',
      { LEX_ENV: 'production', LEX_AUTH__TOKEN__SECRET_KEY: '' },
      'secret',
      'fail',
      /config:check/,
    ],
    [
      'a rate limit that does not parse',
      { LEX_AUTH__LOGIN_RATE_LIMIT: '5/fortnight' },
      'rate limit',
      'fail',
      /config:check/,
    ],
    [
      'a required audience the server does not mint',
      { LEX_AUTH__TOKEN__REQUIRED_AUDIENCE: 'billing-api' },
      'audience',
      'fail',
      /LEX_AUTH__TOKEN__AUDIENCE=billing-api/,
    ],
    [
      'a DATABASE_* leftover',
      { DATABASE_HOST: 'db.internal' },
      'database naming',
      'fail',
      /DATABASE_HOST → DB_HOST/,
    ],
    ['store=redis without REDIS_URL', { LEX_AUTH__STORE: 'redis' }, 'redis', 'fail', /REDIS_URL/],
    [
      'hashes made with another cost',
      { LEX_AUTH__PASSWORD__ROUNDS: '5' },
      'password hashes',
      'warn',
      /LEX_AUTH__PASSWORD__ROUNDS/,
    ],
  ])('catches %s', async (_, extra, check, status, fix) => {
    const result = await doctor(extra);
    expect(result.byCheck[check]).toMatchObject({ status, fix: expect.stringMatching(fix) });
    expect(result.code).toBe(status === 'fail' ? 1 : 0);
  });

  it('counts the users that would be re-hashed', async () => {
    const result = await doctor({ LEX_AUTH__PASSWORD__ROUNDS: '5' });
    expect(result.byCheck['password hashes'].message).toContain(
      '1 of 1 user(s) will be re-hashed to bcrypt cost=5 at their next login (bcrypt (2b) cost=4: 1)',
    );
  });

  it('catches an unreachable user store', async () => {
    // Under a regular file, no directory (and so no database) can be created.
    writeFileSync(join(dir, 'a-file'), '');
    const result = await doctor({ DB_PATH: join(dir, 'a-file', 'app.sqlite') });
    expect(result.code).toBe(1);
    expect(result.byCheck['user store']).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/DB_PATH/),
    });
  });

  it('catches unreachable tracker and blacklist stores', async () => {
    // A port nothing listens on: the stores fail closed.
    const result = await doctor({ LEX_AUTH__STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:1/0' });
    expect(result.code).toBe(1);
    expect(result.byCheck['login attempt tracker']).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/REDIS_URL/),
    });
    expect(result.byCheck['token blacklist']).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/REDIS_URL/),
    });
    expect(result.byCheck['user store']).toMatchObject({ status: 'ok' });
  });

  it('catches a clock that drifted from the database', async () => {
    const result = await doctor({ TEST_CLOCK_SHIFT_MS: '60000' }, [
      join(__dirname, 'support', 'shift-clock.js'),
    ]);
    expect(result.code).toBe(1);
    expect(result.byCheck.clock).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/NTP/),
    });
    expect(result.byCheck.clock.message).toMatch(/ahead of the database's/);
  });
});
