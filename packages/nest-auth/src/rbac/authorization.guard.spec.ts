import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { InsufficientPermissionsError, InvalidTokenError } from '../errors/auth.errors';
import type { JwtAuthGuard } from '../guards/jwt-auth.guard';
import { AuthMetrics } from '../metrics/auth-metrics';
import { AuthorizationGuard } from './authorization.guard';
import { Permissions } from './permissions.decorator';
import { RolePermissions } from './role-permissions';
import { Roles } from './roles.decorator';

const rbac = new RolePermissions({
  reader: { permissions: ['posts.read', 'users.read'], inherits: [] },
  editor: { permissions: ['posts.*'], inherits: ['reader'] },
  admin: { permissions: ['*'], inherits: ['editor'] },
});

class Routes {
  open(): void {}
  @Roles('editor') editorOnly(): void {}
  @Roles('admin', 'editor') adminOrEditor(): void {}
  @Permissions('posts.write') writePosts(): void {}
  @Permissions('posts.write', 'users.read') writeAndRead(): void {}
  @Permissions('users.delete', 'users.write') deleteAndWrite(): void {}
}

@Roles('admin')
class AdminRoutes {
  @Roles('reader') reader(): void {}
}

const principal = (over: Partial<AuthPrincipal>): AuthPrincipal => ({
  userId: 'u1',
  method: 'access_token',
  roles: [],
  scopes: null,
  sessionId: 's1',
  tokenId: 't1',
  issuedAtMs: 0,
  expiresAt: new Date(0),
  ...over,
});

function setup(who: AuthPrincipal | null) {
  const authenticate = jest.fn((request: { user?: AuthPrincipal }) => {
    if (!who) return Promise.reject(new InvalidTokenError('Authentication required.', 'missing'));
    request.user = who;
    return Promise.resolve(who);
  });
  const metrics = new AuthMetrics();
  const guard = new AuthorizationGuard(
    new Reflector(),
    { authenticate } as unknown as JwtAuthGuard,
    rbac,
    metrics,
  );
  const run = (type: new () => object, method: string): Promise<boolean> => {
    const handler = (type.prototype as Record<string, () => void>)[method];
    const context = {
      getHandler: () => handler,
      getClass: () => type,
      switchToHttp: () => ({ getRequest: () => ({ headers: {} }) }),
    } as unknown as ExecutionContext;
    return guard.canActivate(context);
  };
  return { run, authenticate, metrics };
}

describe('AuthorizationGuard', () => {
  it('lets a route without requirements through without authenticating', async () => {
    const { run, authenticate } = setup(null);
    await expect(run(Routes, 'open')).resolves.toBe(true);
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('answers 401 (not 403) when a guarded route has no principal', async () => {
    const { run } = setup(null);
    await expect(run(Routes, 'editorOnly')).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(run(Routes, 'writePosts')).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('passes @Roles for the role itself or a role that inherits it', async () => {
    await expect(setup(principal({ roles: ['editor'] })).run(Routes, 'editorOnly')).resolves.toBe(
      true,
    );
    await expect(setup(principal({ roles: ['admin'] })).run(Routes, 'editorOnly')).resolves.toBe(
      true,
    );
    await expect(
      setup(principal({ roles: ['editor'] })).run(Routes, 'adminOrEditor'),
    ).resolves.toBe(true);
  });

  it('refuses @Roles with 403 naming the role, never the roles held', async () => {
    const { run, metrics } = setup(principal({ roles: ['reader', 'ghost'] }));
    const error = await run(Routes, 'editorOnly').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientPermissionsError);
    expect((error as Error).message).toContain('"editor"');
    expect((error as Error).message).not.toMatch(/reader|ghost/);
    expect(
      await metrics.registry.getSingleMetricAsString('auth_authorization_denials_total'),
    ).toMatch(/reason="role"} 1/);
  });

  it('requires both the class and the method @Roles', async () => {
    await expect(setup(principal({ roles: ['admin'] })).run(AdminRoutes, 'reader')).resolves.toBe(
      true,
    );
    await expect(
      setup(principal({ roles: ['reader'] })).run(AdminRoutes, 'reader'),
    ).rejects.toBeInstanceOf(InsufficientPermissionsError);
  });

  it('grants nothing for a role the configuration does not define', async () => {
    const { run } = setup(principal({ roles: ['root', '__proto__'] }));
    await expect(run(Routes, 'editorOnly')).rejects.toBeInstanceOf(InsufficientPermissionsError);
    await expect(run(Routes, 'writePosts')).rejects.toBeInstanceOf(InsufficientPermissionsError);
  });

  it('requires every @Permissions entry and names the missing ones', async () => {
    await expect(setup(principal({ roles: ['editor'] })).run(Routes, 'writeAndRead')).resolves.toBe(
      true,
    );
    const error = await setup(principal({ roles: ['reader'] }))
      .run(Routes, 'writeAndRead')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientPermissionsError);
    expect((error as Error).message).toBe('This route requires the permission "posts.write".');
    const both = await setup(principal({ roles: ['reader'] }))
      .run(Routes, 'deleteAndWrite')
      .catch((e: unknown) => e);
    expect((both as Error).message).toBe(
      'This route requires the permissions "users.delete", "users.write".',
    );
  });

  describe('API-key principals', () => {
    const key = (roles: string[], scopes: string[]) =>
      principal({ method: 'api_key', roles, scopes });

    it('pass @Permissions only when the roles allow it and a scope matches it', async () => {
      await expect(setup(key(['editor'], ['posts.*'])).run(Routes, 'writePosts')).resolves.toBe(
        true,
      );
      await expect(setup(key(['editor'], ['posts.write'])).run(Routes, 'writePosts')).resolves.toBe(
        true,
      );
      await expect(
        setup(key(['editor'], ['posts.read'])).run(Routes, 'writePosts'),
      ).rejects.toThrow(/scopes do not include "posts.write"/);
      await expect(setup(key(['reader'], ['*'])).run(Routes, 'writePosts')).rejects.toThrow(
        /requires the permission "posts.write"/,
      );
      await expect(setup(key(['editor'], [])).run(Routes, 'writePosts')).rejects.toBeInstanceOf(
        InsufficientPermissionsError,
      );
    });

    it('need a scope for every @Permissions entry', async () => {
      await expect(
        setup(key(['admin'], ['posts.write'])).run(Routes, 'writeAndRead'),
      ).rejects.toThrow(/scopes do not include "users.read"/);
    });

    it('are refused on @Roles routes even when the owner holds the role', async () => {
      await expect(setup(key(['admin'], ['*'])).run(Routes, 'editorOnly')).rejects.toThrow(
        /API keys cannot use it/,
      );
    });

    it('treat missing scopes on an API-key principal as none', async () => {
      const broken = principal({ method: 'api_key', roles: ['admin'], scopes: null });
      await expect(setup(broken).run(Routes, 'writePosts')).rejects.toBeInstanceOf(
        InsufficientPermissionsError,
      );
    });
  });
});

describe('decorators', () => {
  it('refuse empty or malformed requirements at decoration', () => {
    expect(() => Roles()).toThrow(/at least one role/);
    expect(() => Roles('')).toThrow(/empty role name/);
    expect(() => Permissions()).toThrow(/at least one permission/);
    for (const bad of ['posts.*', '*', 'posts..read', 'posts.', ' posts.read']) {
      expect(() => Permissions(bad)).toThrow(/expected "resource.action"/);
    }
  });
});
