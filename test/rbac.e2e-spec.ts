import { Controller, Get, type INestApplication, UseGuards } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import {
  AuthExceptionFilter,
  AuthMetrics,
  AuthModule,
  AuthorizationGuard,
  type AuthPrincipal,
  AuthService,
  CurrentUser,
  JwtAuthGuard,
  Permissions,
  Public,
  Roles,
  type TokenPair,
  UserStore,
} from '../packages/nest-auth/src';
import { AuthTestTokens } from '../packages/nest-auth/src/testing';
import { bearer, login, metric, PASSWORD, registerAndLogin } from './support/auth-client';
import { startTestApp, type TestApp } from './support/test-app';

const SECRET = 'rbac-e2e-secret-'.repeat(4);

const ROLES = {
  member: { permissions: ['posts.read'] },
  reader: { permissions: ['users.read'] },
  editor: { permissions: ['posts.*'], inherits: ['reader'] },
  admin: { permissions: ['*'], inherits: ['editor'] },
  owner: { inherits: ['admin'] },
  auditor: { permissions: ['*.read'] },
  lister: { permissions: ['users.*'] },
  near: { permissions: ['users', 'users.read.all', 'user.read', 'Users.read'] },
};

describe('Role-based access control over HTTP', () => {
  let t: TestApp;
  let targetId: string;
  const store = () => t.app.get(UserStore);

  const idOf = async (email: string): Promise<string> => (await store().findByEmail(email))!.id;
  const userRoute = (token?: string) => {
    const req = t.http.get(`/admin/users/${targetId}`);
    return token ? req.set(bearer(token)) : req;
  };
  const adminRoute = (token?: string) => {
    const req = t.http.get('/admin/roles');
    return token ? req.set(bearer(token)) : req;
  };
  const refresh = async (pair: TokenPair): Promise<TokenPair> =>
    (await t.http.post('/auth/refresh').send({ refresh_token: pair.refresh_token }).expect(200))
      .body as TokenPair;
  /** A user holding exactly `roles`, with a token pair that carries them. */
  const userWith = async (email: string, roles: string[]): Promise<TokenPair> => {
    await registerAndLogin(t.http, email);
    await store().setRoles(await idOf(email), roles);
    return login(t.http, email);
  };

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        LEX_AUTH__SECRET_KEY: SECRET,
        LEX_AUTH__ROLES: JSON.stringify(ROLES),
        LEX_AUTH__DEFAULT_ROLES: 'member',
      },
    });
    await registerAndLogin(t.http, 'target@example.com');
    targetId = await idOf('target@example.com');
  });
  afterAll(() => t?.close());

  describe('registration never takes roles from the request', () => {
    it.each([
      ['roles', { roles: ['admin'] }],
      ['role', { role: 'admin' }],
      ['permissions', { permissions: ['*'] }],
    ])('refuses a body with %s (400) and creates no account', async (_field, extra) => {
      const email = `escalate-${randomUUID()}@example.com`;
      const res = await t.http
        .post('/auth/register')
        .send({ email, password: PASSWORD, ...extra })
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'RequestValidationError' });
      expect(await store().findByEmail(email)).toBeNull();
    });

    it('gives a new account the default roles only', async () => {
      await registerAndLogin(t.http, 'fresh@example.com');
      expect((await store().findByEmail('fresh@example.com'))!.roles).toEqual(['member']);
    });
  });

  describe('401 before 403', () => {
    it('answers 401 with a Bearer challenge without a token, on role and permission routes', async () => {
      for (const res of [await adminRoute(), await userRoute()]) {
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    });

    it('answers 401 to a token claiming admin but signed with another key', async () => {
      const nowMs = Date.now();
      const forged = await new SignJWT({
        sid: randomUUID(),
        jti: randomUUID(),
        iat_ms: nowMs,
        roles: ['admin'],
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setSubject(targetId)
        .setIssuer('lexigram-auth')
        .setIssuedAt(Math.floor(nowMs / 1000))
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode('not-the-server-key-'.repeat(4)));
      await adminRoute(forged).expect(401);
      await userRoute(forged).expect(401);
    });

    it('answers 401 to a garbage token', async () => {
      await adminRoute('not.a.jwt').expect(401);
    });
  });

  describe('403 for an authenticated user without the right', () => {
    it('refuses a member on both routes, naming what is missing but not their roles', async () => {
      const pair = await login(t.http, 'fresh@example.com');
      const denialsBefore = await metric(t.http, 'auth_authorization_denials_total{reason="role"}');
      const role = await adminRoute(pair.access_token).expect(403);
      expect(role.body).toMatchObject({ statusCode: 403, error: 'InsufficientPermissionsError' });
      expect(role.body.message).toContain('"admin"');
      expect(role.body.message).not.toContain('member');
      const permission = await userRoute(pair.access_token).expect(403);
      expect(permission.body.message).toContain('"users.read"');
      expect(permission.body.message).not.toContain('member');
      expect(await metric(t.http, 'auth_authorization_denials_total{reason="role"}')).toBe(
        denialsBefore + 1,
      );
    });
  });

  describe('a role change reaches the token at the next refresh', () => {
    it('keeps the old token at 403 after a grant, and lets the refreshed one in', async () => {
      const before = await login(t.http, 'fresh@example.com');
      const id = await idOf('fresh@example.com');
      await store().setRoles(id, ['member', 'admin']);
      await adminRoute(before.access_token).expect(403);
      const after = await refresh(before);
      const res = await adminRoute(after.access_token).expect(200);
      expect(res.body.roles).toEqual(
        expect.arrayContaining([{ name: 'admin', permissions: expect.arrayContaining(['*']) }]),
      );
      const user = await userRoute(after.access_token).expect(200);
      expect(user.body).toEqual({
        id: targetId,
        email: 'target@example.com',
        roles: ['member'],
        createdAt: expect.stringMatching(/Z$/),
      });
    });

    it('takes a role away at once when the admin also revokes the tokens', async () => {
      const id = await idOf('fresh@example.com');
      const pair = await login(t.http, 'fresh@example.com');
      await adminRoute(pair.access_token).expect(200);
      await store().setRoles(id, ['member']);
      await t.app.get(AuthService).endAllSessions(id);
      await adminRoute(pair.access_token).expect(401);
      await t.http.post('/auth/refresh').send({ refresh_token: pair.refresh_token }).expect(401);
      const next = await login(t.http, 'fresh@example.com');
      await adminRoute(next.access_token).expect(403);
    });
  });

  describe('inheritance and wildcards', () => {
    it('lets a role inherit a permission (editor → reader: users.read) but not a role it lacks', async () => {
      const editor = await userWith('editor@example.com', ['editor']);
      await userRoute(editor.access_token).expect(200);
      await adminRoute(editor.access_token).expect(403);
    });

    it('counts a role that inherits admin as admin (owner → admin)', async () => {
      const owner = await userWith('owner@example.com', ['owner']);
      await adminRoute(owner.access_token).expect(200);
      await userRoute(owner.access_token).expect(200);
    });

    it.each([
      ['*.read', 'auditor'],
      ['users.*', 'lister'],
    ])('grants users.read through %s', async (_pattern, role) => {
      const pair = await userWith(`${role}@example.com`, [role]);
      await userRoute(pair.access_token).expect(200);
    });

    it('does not grant users.read through near misses (users, users.read.all, user.read, Users.read)', async () => {
      const pair = await userWith('near@example.com', ['near']);
      await userRoute(pair.access_token).expect(403);
    });

    it('grants nothing for a role the configuration does not define', async () => {
      const pair = await userWith('ghost@example.com', ['ghost', 'ADMIN', '__proto__']);
      await adminRoute(pair.access_token).expect(403);
      await userRoute(pair.access_token).expect(403);
    });
  });

  describe('API keys', () => {
    const keyFor = async (access: string, scopes: string[]): Promise<string> =>
      (
        await t.http
          .post('/auth/api-keys')
          .set(bearer(access))
          .send({ name: `key ${scopes.join(' ')}`, scopes })
          .expect(201)
      ).body.key as string;

    it('pass @Permissions only when the roles allow it and a scope matches it', async () => {
      const editor = await login(t.http, 'editor@example.com');
      const inScope = await keyFor(editor.access_token, ['users.read']);
      const outOfScope = await keyFor(editor.access_token, ['posts.*']);
      await t.http.get(`/admin/users/${targetId}`).set('X-API-Key', inScope).expect(200);
      const res = await t.http
        .get(`/admin/users/${targetId}`)
        .set('X-API-Key', outOfScope)
        .expect(403);
      expect(res.body.message).toBe('This API key\'s scopes do not include "users.read".');
    });

    it("lose what the owner's roles lose, whatever their scopes", async () => {
      const pair = await userWith('keyholder@example.com', ['reader']);
      const key = await keyFor(pair.access_token, ['users.read']);
      await t.http.get(`/admin/users/${targetId}`).set('X-API-Key', key).expect(200);
      await store().setRoles(await idOf('keyholder@example.com'), ['member']);
      await t.http.get(`/admin/users/${targetId}`).set('X-API-Key', key).expect(403);
    });

    it('are refused on @Roles routes even when the owner is an admin', async () => {
      const owner = await login(t.http, 'owner@example.com');
      const key = await keyFor(owner.access_token, ['*']);
      const res = await t.http.get('/admin/roles').set('X-API-Key', key).expect(403);
      expect(res.body).toMatchObject({ error: 'InsufficientPermissionsError' });
      expect(res.body.message).toContain('API keys');
    });
  });

  it('answers 404 for an unknown or malformed user id, without echoing it', async () => {
    const admin = await login(t.http, 'owner@example.com');
    await t.http.get(`/admin/users/${randomUUID()}`).set(bearer(admin.access_token)).expect(404);
    const res = await t.http
      .get('/admin/users/%3Cscript%3E')
      .set(bearer(admin.access_token))
      .expect(404);
    expect(JSON.stringify(res.body)).not.toContain('script');
  });
});

@Controller('alone')
@UseGuards(AuthorizationGuard)
class GuardAloneController {
  @Get('open')
  open(): string {
    return 'open';
  }

  @Get('admin')
  @Roles('admin')
  admin(@CurrentUser() principal: AuthPrincipal): string {
    return principal.userId;
  }

  @Get('write')
  @Permissions('posts.write', 'posts.read')
  write(): string {
    return 'written';
  }

  @Public()
  @Get('public-but-admin')
  @Roles('admin')
  publicButAdmin(): string {
    return 'admin';
  }
}

@Controller('both')
@UseGuards(JwtAuthGuard, AuthorizationGuard)
class BothGuardsController {
  @Get()
  @Permissions('posts.read')
  read(): string {
    return 'read';
  }
}

describe('AuthorizationGuard without a global JwtAuthGuard (AuthModule.stub)', () => {
  let app: INestApplication;
  let tokens: AuthTestTokens;
  let http: TestAgent;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.stub({
          users: [
            { id: randomUUID(), email: 'admin@example.com', roles: ['admin'] },
            { id: randomUUID(), email: 'writer@example.com', roles: ['writer'] },
            { id: randomUUID(), email: 'nobody@example.com' },
          ],
          settings: {
            roles: {
              writer: { permissions: ['posts.*'] },
              admin: { permissions: ['*'] },
            },
          },
        }),
      ],
      controllers: [GuardAloneController, BothGuardsController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(app.get(AuthExceptionFilter));
    await app.init();
    tokens = app.get(AuthTestTokens);
    http = request(app.getHttpServer());
  });
  afterAll(() => app?.close());

  it('leaves a route without requirements alone', async () => {
    await http.get('/alone/open').expect(200);
  });

  it('authenticates by itself: 401 with a challenge without a token, 200 with the right role', async () => {
    const res = await http.get('/alone/admin').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    const ok = await http
      .get('/alone/admin')
      .set(await tokens.authHeaderFor('admin@example.com'))
      .expect(200);
    expect(ok.text).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 403 to an authenticated user lacking the role or a permission', async () => {
    await http
      .get('/alone/admin')
      .set(await tokens.authHeaderFor('writer@example.com'))
      .expect(403);
    await http
      .get('/alone/write')
      .set(await tokens.authHeaderFor('writer@example.com'))
      .expect(200);
    const res = await http
      .get('/alone/write')
      .set(await tokens.authHeaderFor('nobody@example.com'))
      .expect(403);
    expect(res.body.message).toBe(
      'This route requires the permissions "posts.write", "posts.read".',
    );
  });

  it('lets requirements win over @Public()', async () => {
    await http.get('/alone/public-but-admin').expect(401);
    await http
      .get('/alone/public-but-admin')
      .set(await tokens.authHeaderFor('writer@example.com'))
      .expect(403);
    await http
      .get('/alone/public-but-admin')
      .set(await tokens.authHeaderFor('admin@example.com'))
      .expect(200);
  });

  it('verifies the token once when both guards are on the route', async () => {
    const verifications = async (): Promise<number> => {
      const text = await app
        .get(AuthMetrics)
        .registry.getSingleMetricAsString('auth_token_verification_duration_seconds');
      return [...text.matchAll(/_count\{[^}]*\} (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    };
    const header = await tokens.authHeaderFor('writer@example.com');
    const before = await verifications();
    await http.get('/both').set(header).expect(200);
    expect(await verifications()).toBe(before + 1);
  });
});
