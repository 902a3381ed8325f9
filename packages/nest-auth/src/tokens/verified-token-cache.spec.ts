import { loadAuthConfig } from '../settings/load-auth-config';
import { InvalidTokenError, TokenExpiredError } from '../errors/auth.errors';
import { testKeyPair } from '../testing/test-key-pair';
import { CompactJwtVerifier } from './compact-jwt-verifier';
import { TokenService } from './token.service';
import { VerifiedTokenCache } from './verified-token-cache';

const SECRET = 'unit-test-secret-that-is-long-enough-0123456789';
const START_MS = Date.UTC(2025, 10, 22, 12, 0, 0, 123);

class FakeClock {
  ms = START_MS;
  readonly now = (): number => this.ms;
}

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('Expected a refusal');
}

describe('verified access tokens', () => {
  let clock: FakeClock;
  let service: TokenService;
  let fullChecks: jest.SpyInstance;

  beforeEach(() => {
    clock = new FakeClock();
    service = new TokenService(
      loadAuthConfig({ env: {}, configFile: false, secretKey: SECRET }),
      clock.now,
    );
    fullChecks = jest.spyOn(CompactJwtVerifier.prototype, 'verify');
  });

  afterEach(() => fullChecks.mockRestore());

  it('checks the signature once and answers a repeat of the same token from the cache', async () => {
    const { access_token } = await service.issuePair('user-1', 'session-1', ['admin']);
    const first = service.verifyNow(access_token, 'access');
    const second = service.verifyNow(access_token, 'access');
    expect(second).toEqual(first);
    expect(fullChecks).toHaveBeenCalledTimes(1);
  });

  it('still refuses a cached token once it expires', async () => {
    const { access_token, expires_in } = await service.issuePair('user-1', 'session-1');
    service.verifyNow(access_token, 'access');
    clock.ms += expires_in * 1000;
    expect(errorOf(() => service.verifyNow(access_token, 'access'))).toBeInstanceOf(
      TokenExpiredError,
    );
  });

  it('runs the full check for any other spelling of a cached token', async () => {
    const { access_token } = await service.issuePair('user-1', 'session-1');
    service.verifyNow(access_token, 'access');
    const [header, payload, signature] = access_token.split('.');
    const flipped = signature.slice(0, 5) + (signature[5] === 'A' ? 'B' : 'A') + signature.slice(6);
    const error = errorOf(() => service.verifyNow(`${header}.${payload}.${flipped}`, 'access'));
    expect((error as InvalidTokenError).reason).toBe('signature');
    expect(fullChecks).toHaveBeenCalledTimes(2);
  });

  it('never lets a cached access token pass as a refresh token', async () => {
    const { access_token } = await service.issuePair('user-1', 'session-1');
    service.verifyNow(access_token, 'access');
    const error = errorOf(() => service.verifyNow(access_token, 'refresh'));
    expect((error as InvalidTokenError).reason).toBe('wrong_type');
  });

  it('freezes the shared claims, so no caller can change what the next request gets', async () => {
    const { access_token } = await service.issuePair('user-1', 'session-1', ['viewer']);
    const claims = service.verifyNow(access_token, 'access');
    expect(() => claims.roles!.push('admin')).toThrow(TypeError);
    expect(service.verifyNow(access_token, 'access').roles).toEqual(['viewer']);
  });

  it('refuses a cached token whose key is retired and past its grace period', async () => {
    const retired = testKeyPair('ES256');
    const current = testKeyPair('ES256');
    const retiredAt = new Date(START_MS);
    const grace = 600;
    const signer = new TokenService(
      loadAuthConfig({ env: {}, configFile: false, token: { algorithm: 'ES256', ...retired } }),
      clock.now,
    );
    const verifier = new TokenService(
      loadAuthConfig({
        env: {},
        configFile: false,
        token: {
          algorithm: 'ES256',
          ...current,
          previousKeys: [{ publicKey: retired.publicKey, retiredAt }],
          keyRotationGraceSeconds: grace,
        },
      }),
      clock.now,
    );
    const { access_token } = await signer.issuePair('user-1', 'session-1');
    expect(verifier.verifyNow(access_token, 'access').sub).toBe('user-1');
    clock.ms += grace * 1000;
    const error = errorOf(() => verifier.verifyNow(access_token, 'access'));
    expect((error as InvalidTokenError).reason).toBe('retired_key');
  });
});

describe('VerifiedTokenCache', () => {
  const entry = () => ({ header: { alg: 'HS256' }, payload: { sub: 'u' } });

  it('keeps at most its limit, dropping the oldest first', () => {
    const cache = new VerifiedTokenCache(2);
    cache.remember('a', entry());
    cache.remember('b', entry());
    cache.remember('c', entry());
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('stores nothing with a limit of 0', () => {
    const cache = new VerifiedTokenCache(0);
    cache.remember('a', entry());
    expect(cache.size).toBe(0);
  });
});
