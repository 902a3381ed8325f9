import type { AuthPrincipal } from '../authenticator/auth-principal';
import { AuthClock } from '../common/auth-clock';
import { AccountStateConflictError, FeatureDisabledError } from '../errors/auth.errors';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { RolePermissions } from '../rbac/role-permissions';
import { AuthConfig } from '../settings/auth-config';
import { MemoryUserStore } from '../user-store/memory-user-store';
import { ApiKeyService, ENDED_KEY_RETENTION_MS } from './api-key.service';
import { ApiKeyOwners } from './api-key-owners';
import { MemoryApiKeyStore } from './memory-api-key-store';

const ROLES = { member: { permissions: ['posts.read'], inherits: [] } };
const NOW = Date.UTC(2026, 0, 1);

describe('ApiKeyService', () => {
  let store: MemoryApiKeyStore;
  let users: MemoryUserStore;
  let principal: AuthPrincipal;

  const services: ApiKeyService[] = [];
  const service = (enabled = true) => {
    const created = new ApiKeyService(
      store,
      new ApiKeyOwners(users),
      new RolePermissions(ROLES),
      { apiKeys: { enabled, maxPerUser: 20 } } as unknown as AuthConfig,
      AuthClock.from(() => NOW),
      new AuthDecisionLogger(),
    );
    services.push(created);
    return created;
  };

  afterEach(() => {
    for (const created of services.splice(0)) created.onApplicationShutdown();
  });

  beforeEach(async () => {
    store = new MemoryApiKeyStore();
    users = new MemoryUserStore();
    const user = await users.create({
      email: 'a@example.com',
      passwordHash: 'x',
      roles: ['member'],
    });
    principal = {
      ...{ userId: user.id, method: 'access_token', roles: ['member'], scopes: null },
      ...{ sessionId: 's', tokenId: 't', issuedAtMs: 0, expiresAt: new Date(0) },
    };
  });

  const body = { name: 'ci', scopes: ['posts.read'] };

  it('draws another key when the prefix is taken', async () => {
    const insert = jest.spyOn(store, 'insert').mockResolvedValueOnce('prefix_taken');

    const created = await service().create(principal, body);

    expect(insert).toHaveBeenCalledTimes(2);
    await expect(store.findByPrefix(created.prefix.slice(4))).resolves.toMatchObject({
      id: created.id,
    });
  });

  it('gives up with a 409 after five taken prefixes in a row', async () => {
    jest.spyOn(store, 'insert').mockResolvedValue('prefix_taken');

    await expect(service().create(principal, body)).rejects.toBeInstanceOf(
      AccountStateConflictError,
    );
  });

  it('deduplicates scopes', async () => {
    const created = await service().create(principal, {
      name: 'ci',
      scopes: ['posts.read', 'posts.read'],
    });

    expect(created.scopes).toEqual(['posts.read']);
  });

  it('answers 404 on every route when the feature is off', async () => {
    const off = service(false);

    await expect(off.create(principal, body)).rejects.toBeInstanceOf(FeatureDisabledError);
    await expect(off.list(principal)).rejects.toBeInstanceOf(FeatureDisabledError);
    await expect(off.revoke(principal, 'x')).rejects.toBeInstanceOf(FeatureDisabledError);
  });

  it('deletes keys that stopped working longer ago than the retention, and keeps the others', async () => {
    const keys = service();
    const [old, recent, live] = [
      await keys.create(principal, body),
      await keys.create(principal, body),
      await keys.create(principal, body),
    ];
    await store.revoke(principal.userId, old.id, NOW - ENDED_KEY_RETENTION_MS - 1);
    await store.revoke(principal.userId, recent.id, NOW - ENDED_KEY_RETENTION_MS + 1);

    await keys.purgeEnded();

    await expect(store.findByPrefix(old.prefix.slice(4))).resolves.toBeNull();
    await expect(store.findByPrefix(recent.prefix.slice(4))).resolves.not.toBeNull();
    await expect(store.findByPrefix(live.prefix.slice(4))).resolves.not.toBeNull();
  });
});
