import { UserStore } from '../packages/nest-auth/src';
import { bearer, login, PASSWORD } from './support/auth-client';
import { inProcessCli } from './support/cli-in-process';
import { runCliJson } from './support/cli-process';
import { startTestApp, type TestApp } from './support/test-app';

const ROLES = {
  member: { permissions: ['posts.read'] },
  editor: { permissions: ['posts.*'] },
  admin: { permissions: ['*'], inherits: ['editor'] },
};
const ENV = {
  LEX_AUTH__ROLES: JSON.stringify(ROLES),
  LEX_AUTH__DEFAULT_ROLES: 'member',
};

/**
 * The admin commands run in this process against the test app's own providers (spawning the CLI
 * costs seconds per run; one test below spawns it to prove the wiring of the real entry point).
 */
describe('admin CLI: roles', () => {
  let t: TestApp;
  const inProcess = inProcessCli(() => t.app);
  const cli = (...argv: string[]) => inProcess.cli(argv);
  const { cliJson } = inProcess;
  const adminRoute = async (token: string): Promise<number> =>
    (await t.http.get('/admin/roles').set(bearer(token))).status;
  const refresh = (refreshToken: string) =>
    t.http.post('/auth/refresh').send({ refresh_token: refreshToken });

  beforeAll(async () => {
    t = await startTestApp({ env: ENV });
    await t.http
      .post('/auth/register')
      .send({ email: 'bob@example.com', password: PASSWORD })
      .expect(201);
  });
  afterAll(() => t?.close());

  it('lists both commands in --help', async () => {
    const help = await cli('--help');
    expect(help.stdout).toContain('users:grant');
    expect(help.stdout).toContain('users:revoke-role');
    expect((await cli('users:grant', '--help')).stdout).toContain(
      'Usage: lexigram-auth users:grant <email> <role> [--revoke-tokens] [--json]',
    );
  });

  it('refuses a role the configuration lacks (exit 1, naming the defined roles), an unknown user (exit 1) and a missing argument (exit 2)', async () => {
    const role = await cli('users:grant', 'bob@example.com', 'root');
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('No role "root" in the configuration');
    expect(role.stderr).toContain('Defined roles: member, editor, admin.');
    const user = await cli('users:grant', 'ghost@example.com', 'admin');
    expect(user.code).toBe(1);
    expect(user.stderr).toContain('No user with email ghost@example.com');
    const usage = await cli('users:revoke-role', 'bob@example.com');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: lexigram-auth users:revoke-role <email> <role>');
  });

  it('users:grant takes effect at the next refresh; granting again changes nothing', async () => {
    const before = await login(t.http, 'bob@example.com');
    expect(await adminRoute(before.access_token)).toBe(403);

    const granted = await cliJson('users:grant', 'Bob@Example.com', 'admin');
    expect(granted.code).toBe(0);
    expect(granted.body).toEqual({
      email: 'bob@example.com',
      userId: expect.any(String),
      role: 'admin',
      granted: true,
      changed: true,
      roles: ['member', 'admin'],
      tokensRevoked: false,
      takesEffect: 'at the next refresh (within 1800 s)',
    });
    expect(await adminRoute(before.access_token)).toBe(403);
    const refreshed = await refresh(before.refresh_token).expect(200);
    expect(await adminRoute(refreshed.body.access_token as string)).toBe(200);

    const again = await cli('users:grant', 'bob@example.com', 'admin');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('changed: false');
    expect(again.stdout).toContain('The user already had the role; nothing changed.');
    expect(again.stdout).toContain('next refresh');
    expect((await cliJson('users:show', 'bob@example.com')).body).toMatchObject({
      roles: ['member', 'admin'],
    });
  });

  it('users:revoke-role --revoke-tokens takes effect now: old tokens answer 401', async () => {
    const pair = await login(t.http, 'bob@example.com');
    expect(await adminRoute(pair.access_token)).toBe(200);
    const revoked = await cliJson(
      'users:revoke-role',
      'bob@example.com',
      'admin',
      '--revoke-tokens',
    );
    expect(revoked.code).toBe(0);
    expect(revoked.body).toMatchObject({
      revoked: true,
      changed: true,
      roles: ['member'],
      tokensRevoked: true,
      takesEffect: 'now',
    });
    expect(await adminRoute(pair.access_token)).toBe(401);
    await refresh(pair.refresh_token).expect(401);
    expect(await adminRoute((await login(t.http, 'bob@example.com')).access_token)).toBe(403);
  });

  it('users:revoke-role is idempotent and refuses a role the configuration lacks', async () => {
    const again = await cliJson('users:revoke-role', 'bob@example.com', 'admin');
    expect(again.code).toBe(0);
    expect(again.body).toMatchObject({ revoked: true, changed: false, roles: ['member'] });
    const undefinedRole = await cli('users:revoke-role', 'bob@example.com', 'root');
    expect(undefinedRole.code).toBe(1);
    expect(undefinedRole.stderr).toContain('No role "root"');
  });

  it('users:revoke-role cleans up a role since removed from the configuration', async () => {
    const store = t.app.get(UserStore);
    const user = (await store.findByEmail('bob@example.com'))!;
    await store.setRoles(user.id, ['member', 'legacy']);
    const cleaned = await cliJson('users:revoke-role', 'bob@example.com', 'legacy');
    expect(cleaned.code).toBe(0);
    expect(cleaned.body).toMatchObject({ changed: true, roles: ['member'] });
  });

  it('tokens:revoke-user ends sessions, and with --api-keys also revokes the API keys', async () => {
    const pair = await login(t.http, 'bob@example.com');
    const key = await t.http
      .post('/auth/api-keys')
      .set(bearer(pair.access_token))
      .send({ name: 'ci', scopes: ['posts.read'] })
      .expect(201);
    const apiKey = { 'X-API-Key': (key.body as { key: string }).key };
    await t.http.get('/whoami').set(apiKey).expect(200);

    const plain = await cliJson('tokens:revoke-user', 'bob@example.com');
    expect(plain.body).toMatchObject({ email: 'bob@example.com', apiKeysRevoked: 0 });
    await t.http.get('/auth/me').set(bearer(pair.access_token)).expect(401);
    await t.http.get('/whoami').set(apiKey).expect(200);

    const withKeys = await cliJson('tokens:revoke-user', 'bob@example.com', '--api-keys');
    expect(withKeys.code).toBe(0);
    expect(withKeys.body).toMatchObject({ apiKeysRevoked: 1 });
    await t.http.get('/whoami').set(apiKey).expect(401);
  });

  it('works as its own process on the app database (npm run cli)', async () => {
    const run = await runCliJson(['users:grant', 'bob@example.com', 'editor'], {
      env: { LEX_ENV: 'test', DB_PATH: t.dbPath, LEX_AUTH__PASSWORD__ROUNDS: '4', ...ENV },
    });
    expect(run).toMatchObject({ code: 0, body: { changed: true, roles: ['member', 'editor'] } });
  }, 90_000);
});
