import { randomUUID } from 'node:crypto';
import { AuthStoreUnavailableError, RequestValidationError } from '../errors/auth.errors';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { MemoryUserStore } from '../user-store/memory-user-store';
import { generateApiKey } from './api-key-format';
import { ApiKeyAuthenticator, NO_EXPIRY } from './api-key.authenticator';
import type { ApiKeyRecord } from './api-key-store';
import { ApiKeyOwners } from './api-key-owners';
import { InvalidApiKeyError } from './invalid-api-key.error';
import { MemoryApiKeyStore } from './memory-api-key-store';

const MINUTE = 60_000;

describe('ApiKeyAuthenticator', () => {
  let now: number;
  let store: MemoryApiKeyStore;
  let users: MemoryUserStore;
  let authenticator: ApiKeyAuthenticator;
  let ownerId: string;

  beforeEach(async () => {
    now = Date.UTC(2026, 0, 1);
    store = new MemoryApiKeyStore();
    users = new MemoryUserStore();
    const log = new AuthDecisionLogger();
    jest.spyOn(log, 'error').mockImplementation(() => undefined);
    authenticator = new ApiKeyAuthenticator(store, new ApiKeyOwners(users), () => now, log);
    ownerId = (await users.create({ email: 'o@example.com', passwordHash: 'x', roles: ['editor'] }))
      .id;
  });

  async function newKey(changes: Partial<ApiKeyRecord> = {}): Promise<{ key: string; id: string }> {
    const { key, prefix, hash } = generateApiKey();
    const id = randomUUID();
    await store.insert(
      {
        ...{ id, userId: ownerId, name: 'ci', prefix, hash, scopes: ['posts.read'] },
        ...{ createdAt: new Date(now), expiresAt: null, lastUsedAt: null, revokedAt: null },
        ...changes,
      },
      100,
    );
    return { key, id };
  }
  const viaHeader = (key: string) => authenticator.authenticate({ headers: { 'x-api-key': key } });
  const viaScheme = (key: string) =>
    authenticator.authenticate({ headers: { authorization: `ApiKey ${key}` } });
  const reasonOf = async (attempt: Promise<unknown>) =>
    ((await attempt.catch((e: unknown) => e)) as InvalidApiKeyError).reason;

  it('yields a principal with the key scopes and the owner current roles, by either header', async () => {
    const { key, id } = await newKey();

    const principal = await viaHeader(key);

    expect(principal).toEqual({
      userId: ownerId,
      method: 'api_key',
      roles: ['editor'],
      scopes: ['posts.read'],
      sessionId: `apikey:${id}`,
      tokenId: id,
      issuedAtMs: now,
      expiresAt: NO_EXPIRY,
    });
    await expect(viaScheme(key)).resolves.toEqual(principal);
  });

  it('reads the roles on every use, so a role taken away applies at once', async () => {
    const { key } = await newKey();
    await users.setRoles(ownerId, []);

    await expect(viaHeader(key)).resolves.toMatchObject({ roles: [] });
  });

  it('returns null when the request carries no API key', async () => {
    await expect(authenticator.authenticate({ headers: {} })).resolves.toBeNull();
    await expect(
      authenticator.authenticate({ headers: { authorization: 'Bearer x' } }),
    ).resolves.toBeNull();
  });

  it('refuses a revoked, an expired, an unknown and a malformed key, and one of a deleted owner', async () => {
    const revoked = await newKey({ revokedAt: new Date(now) });
    const expired = await newKey({ expiresAt: new Date(now) });
    const orphan = await newKey({ userId: 'gone' });
    const good = await newKey();
    const wrongSecret = `${good.key.slice(0, 13)}${'A'.repeat(43)}`;

    await expect(reasonOf(viaHeader(revoked.key))).resolves.toBe('api_key_revoked');
    await expect(reasonOf(viaHeader(expired.key))).resolves.toBe('api_key_expired');
    await expect(reasonOf(viaHeader(wrongSecret))).resolves.toBe('api_key_unknown');
    await expect(reasonOf(viaHeader(generateApiKey().key))).resolves.toBe('api_key_unknown');
    await expect(reasonOf(viaHeader('garbage'))).resolves.toBe('api_key_malformed');
    await expect(reasonOf(viaScheme(''))).resolves.toBe('api_key_malformed');
    await expect(reasonOf(viaHeader(orphan.key))).resolves.toBe('api_key_owner_gone');
  });

  it('keeps telling a wrong secret from a revoked key only to the holder of the key', async () => {
    const revoked = await newKey({ revokedAt: new Date(now) });
    const guess = `${revoked.key.slice(0, 13)}${'A'.repeat(43)}`;

    await expect(reasonOf(viaHeader(guess))).resolves.toBe('api_key_unknown');
  });

  it('answers an ApiKey challenge with a 401', async () => {
    const error = (await viaHeader('garbage').catch((e: unknown) => e)) as InvalidApiKeyError;

    expect(error).toBeInstanceOf(InvalidApiKeyError);
    expect(error.status).toBe(401);
    expect(error.wwwAuthenticate).toMatch(/^ApiKey realm="api", error="invalid_key"/);
  });

  it('refuses two credentials at once with a 400', async () => {
    const { key } = await newKey();

    await expect(
      authenticator.authenticate({ headers: { 'x-api-key': key, authorization: 'Bearer x' } }),
    ).rejects.toBeInstanceOf(RequestValidationError);
    await expect(
      authenticator.authenticate({ headers: { 'x-api-key': [key, key] } }),
    ).rejects.toBeInstanceOf(RequestValidationError);
  });

  it('records the last use at most once a minute', async () => {
    const { key, id } = await newKey();
    const recordUse = jest.spyOn(store, 'recordUse');

    await viaHeader(key);
    now += MINUTE - 1;
    await viaHeader(key);
    now += 1;
    await viaHeader(key);

    expect(recordUse).toHaveBeenCalledTimes(2);
    const [listed] = await store.listByUser(ownerId);
    expect(listed).toMatchObject({ id, lastUsedAt: new Date(now) });
  });

  it('still accepts the key when recording its use fails', async () => {
    const { key } = await newKey();
    jest.spyOn(store, 'recordUse').mockRejectedValue(new AuthStoreUnavailableError('x'));

    await expect(viaHeader(key)).resolves.toMatchObject({ userId: ownerId });
  });

  it('answers 503, not 500, when the user store fails', async () => {
    const { key } = await newKey();
    jest.spyOn(users, 'findById').mockRejectedValue(new Error('connection reset'));

    await expect(viaHeader(key)).rejects.toBeInstanceOf(AuthStoreUnavailableError);
  });
});
