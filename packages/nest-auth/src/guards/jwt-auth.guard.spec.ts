import { Controller, type ExecutionContext, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { AcceptsApiKeys } from '../decorators/accepts-api-keys.decorator';
import { Public } from '../decorators/public.decorator';
import { InsufficientPermissionsError } from '../errors/auth.errors';
import { AuthMetrics } from '../metrics/auth-metrics';
import { Permissions } from '../rbac/permissions.decorator';
import { JwtAuthGuard } from './jwt-auth.guard';

@Controller()
class Routes {
  @Get() undeclared(): void {}
  @Get() @Permissions('posts.read') permissioned(): void {}
  @Get() @AcceptsApiKeys() open(): void {}
  @Get() @Public() public(): void {}
}

@Controller()
@AcceptsApiKeys()
class OpenController {
  @Get() any(): void {}
}

const principal = (method: AuthPrincipal['method']): AuthPrincipal => ({
  userId: 'u-1',
  method,
  roles: [],
  scopes: method === 'api_key' ? ['posts.read'] : null,
  sessionId: 's',
  tokenId: 't',
  issuedAtMs: 0,
  expiresAt: new Date(0),
});

function guardFor(method: AuthPrincipal['method']) {
  const authenticator = { authenticate: jest.fn(() => Promise.resolve(principal(method))) };
  const guard = new JwtAuthGuard(authenticator, new Reflector(), new AuthMetrics());
  const run = (type: new () => object, name: string) =>
    guard.canActivate({
      getHandler: () => (type.prototype as Record<string, unknown>)[name],
      getClass: () => type,
      switchToHttp: () => ({ getRequest: () => ({ headers: {} }) }),
    } as unknown as ExecutionContext);
  return { run, authenticator };
}

describe('JwtAuthGuard and API keys', () => {
  it('refuses an API key on a route that declares neither permissions nor @AcceptsApiKeys (403)', async () => {
    await expect(guardFor('api_key').run(Routes, 'undeclared')).rejects.toThrow(
      InsufficientPermissionsError,
    );
  });

  it.each([
    [Routes, 'permissioned'],
    [Routes, 'open'],
    [OpenController, 'any'],
  ] as const)('lets an API key reach %p.%s, whose declaration bounds it', async (type, name) => {
    await expect(guardFor('api_key').run(type, name)).resolves.toBe(true);
  });

  it('lets an access token reach an undeclared route', async () => {
    await expect(guardFor('access_token').run(Routes, 'undeclared')).resolves.toBe(true);
  });

  it('authenticates nobody on a @Public() route', async () => {
    const { run, authenticator } = guardFor('api_key');
    await expect(run(Routes, 'public')).resolves.toBe(true);
    expect(authenticator.authenticate).not.toHaveBeenCalled();
  });
});
