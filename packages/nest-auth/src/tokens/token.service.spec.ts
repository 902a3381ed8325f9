import * as jwt from 'jsonwebtoken';
import type { TokenOptions } from '../settings/auth-settings-options';
import { loadAuthConfig } from '../settings/load-auth-config';
import { InvalidTokenError, TokenAudienceError, TokenExpiredError } from '../errors/auth.errors';
import type { TokenClaims } from './token-claims';
import { TokenService } from './token.service';

const SECRET = 'unit-test-secret-that-is-long-enough-0123456789';
const START_MS = Date.UTC(2025, 10, 22, 12, 0, 0, 123);
const START_S = Math.floor(START_MS / 1000);
const USER = 'user-1';
const SESSION = 'session-1';

/** A clock the test moves by hand. */
class FakeClock {
  ms = START_MS;
  readonly now = (): number => this.ms;
  advanceSeconds(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

const configWith = (token: TokenOptions = {}) =>
  loadAuthConfig({ env: {}, configFile: false, secretKey: SECRET, token });

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Valid claims for a hand-made token. */
const claimsAt = (nowMs = START_MS): TokenClaims => ({
  sub: USER,
  sid: SESSION,
  jti: 'jti-1',
  iat: Math.floor(nowMs / 1000),
  iat_ms: nowMs,
  exp: Math.floor(nowMs / 1000) + 600,
  iss: 'lexigram-auth',
});

/** The token error `verify` throws; fails the test when it returns instead. */
async function verifyErrorOf(
  service: TokenService,
  token: string,
  kind: 'access' | 'refresh' = 'access',
): Promise<unknown> {
  try {
    await service.verify(token, kind);
  } catch (error) {
    return error;
  }
  throw new Error('Expected verify() to throw, but it accepted the token');
}

function expectInvalid(error: unknown, reason: string): void {
  expect(error).toBeInstanceOf(InvalidTokenError);
  expect((error as InvalidTokenError).reason).toBe(reason);
}

describe('TokenService', () => {
  let clock: FakeClock;
  let service: TokenService;

  beforeEach(() => {
    clock = new FakeClock();
    service = new TokenService(configWith(), clock.now);
  });

  describe('issuePair', () => {
    it('mints an access and a refresh token that verify as their own kind', async () => {
      const pair = await service.issuePair(USER, SESSION);

      expect(await service.verify(pair.access_token, 'access')).toMatchObject({
        sub: USER,
        sid: SESSION,
      });
      expect(await service.verify(pair.refresh_token, 'refresh')).toMatchObject({
        sub: USER,
        sid: SESSION,
      });
    });

    it('answers in the RFC 6749 shape with the access lifetime', async () => {
      const pair = await service.issuePair(USER, SESSION);

      expect(pair).toEqual({
        access_token: expect.any(String) as string,
        refresh_token: expect.any(String) as string,
        token_type: 'Bearer',
        expires_in: 1800,
      });
    });

    it('puts the RFC 9068 claims (aud defaulting to the issuer, client_id), sid, iat_ms and roles in the access token', async () => {
      const claims = await service.verify(
        (await service.issuePair(USER, SESSION, ['editor'])).access_token,
        'access',
      );

      expect(claims).toEqual({
        sub: USER,
        sid: SESSION,
        jti: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
        iat: START_S,
        iat_ms: START_MS,
        exp: START_S + 1800,
        iss: 'lexigram-auth',
        aud: 'lexigram-auth',
        client_id: 'lexigram-auth',
        roles: ['editor'],
      });
    });

    it('gives the refresh token the refresh lifetime and no roles', async () => {
      const claims = await service.verify(
        (await service.issuePair(USER, SESSION, ['editor'])).refresh_token,
        'refresh',
      );

      expect(claims.exp).toBe(START_S + 604800);
      expect(claims.roles).toBeUndefined();
      expect(claims.client_id).toBeUndefined();
    });

    it('gives every token its own jti', async () => {
      const first = await service.issuePair(USER, SESSION);
      const second = await service.issuePair(USER, SESSION);
      const ids = [
        first.access_token,
        first.refresh_token,
        second.access_token,
        second.refresh_token,
      ].map((t) => (jwt.decode(t) as TokenClaims).jti);

      expect(new Set(ids).size).toBe(4);
    });

    it('marks the tokens with typ at+jwt and refresh+jwt headers, signed HS256', async () => {
      const pair = await service.issuePair(USER, SESSION);

      expect(jwt.decode(pair.access_token, { complete: true })?.header).toMatchObject({
        alg: 'HS256',
        typ: 'at+jwt',
      });
      expect(jwt.decode(pair.refresh_token, { complete: true })?.header).toMatchObject({
        alg: 'HS256',
        typ: 'refresh+jwt',
      });
    });

    it('mints token.audience as aud', async () => {
      const audienced = new TokenService(configWith({ audience: 'api://orders' }), clock.now);

      const claims = await audienced.verify(
        (await audienced.issuePair(USER, SESSION)).access_token,
        'access',
      );

      expect(claims.aud).toBe('api://orders');
    });

    it('mints the issuer as aud when no audience is configured, which requiring it accepts', async () => {
      const requiring = new TokenService(
        configWith({ issuer: 'https://auth.example', requiredAudience: 'https://auth.example' }),
        clock.now,
      );
      const pair = await requiring.issuePair(USER, SESSION);

      expect((await requiring.verify(pair.access_token, 'access')).aud).toBe(
        'https://auth.example',
      );
      expect((await requiring.verify(pair.refresh_token, 'refresh')).aud).toBe(
        'https://auth.example',
      );
    });

    it('still verifies an access token minted before RFC 9068 claims (no aud, no client_id)', async () => {
      const legacy = jwt.sign({ ...claimsAt(), roles: [] }, SECRET, {
        algorithm: 'HS256',
        header: { alg: 'HS256', typ: 'at+jwt' },
      });

      expect(await service.verify(legacy, 'access')).not.toHaveProperty('client_id');
    });

    it('refuses to mint a token longer-lived than its kind allows', async () => {
      await expect(service.sign('access', USER, SESSION, 1801)).rejects.toThrow(RangeError);
    });
  });

  describe('token type', () => {
    it('refuses an access token presented as a refresh token', async () => {
      const { access_token } = await service.issuePair(USER, SESSION);

      expectInvalid(await verifyErrorOf(service, access_token, 'refresh'), 'wrong_type');
    });

    it('refuses a refresh token presented as an access token', async () => {
      const { refresh_token } = await service.issuePair(USER, SESSION);

      expectInvalid(await verifyErrorOf(service, refresh_token, 'access'), 'wrong_type');
    });

    it('refuses a correctly signed token without a typ header', async () => {
      const token = jwt.sign(claimsAt(), SECRET, { algorithm: 'HS256' });

      expectInvalid(await verifyErrorOf(service, token), 'wrong_type');
    });
  });

  describe('expiry', () => {
    it('accepts a token one second before exp', async () => {
      const { access_token } = await service.issuePair(USER, SESSION);
      clock.advanceSeconds(1799);

      expect((await service.verify(access_token, 'access')).sub).toBe(USER);
    });

    it('refuses a token once the clock reaches exp', async () => {
      const { access_token } = await service.issuePair(USER, SESSION);
      clock.advanceSeconds(1800);

      expect(await verifyErrorOf(service, access_token)).toBeInstanceOf(TokenExpiredError);
    });

    it('refuses an expired refresh token', async () => {
      const { refresh_token } = await service.issuePair(USER, SESSION);
      clock.advanceSeconds(604800 + 1);

      expect(await verifyErrorOf(service, refresh_token, 'refresh')).toBeInstanceOf(
        TokenExpiredError,
      );
    });

    it('accepts an expired token within the leeway and refuses it beyond', async () => {
      const lenient = new TokenService(configWith({ leewaySeconds: 30 }), clock.now);
      const { access_token } = await lenient.issuePair(USER, SESSION);

      clock.advanceSeconds(1800 + 29);
      expect((await lenient.verify(access_token, 'access')).sub).toBe(USER);

      clock.advanceSeconds(1);
      expect(await verifyErrorOf(lenient, access_token)).toBeInstanceOf(TokenExpiredError);
    });

    it('refuses a correctly signed access token without exp', async () => {
      const { exp: _exp, ...withoutExp } = claimsAt();
      const token = jwt.sign(withoutExp, SECRET, {
        algorithm: 'HS256',
        header: { alg: 'HS256', typ: 'at+jwt' },
      });

      expectInvalid(await verifyErrorOf(service, token), 'no_exp');
    });
  });

  describe('algorithm and signature', () => {
    it('refuses an HS384 token signed with the right secret (the algorithm is pinned)', async () => {
      const token = jwt.sign(claimsAt(), SECRET, {
        algorithm: 'HS384',
        header: { alg: 'HS384', typ: 'at+jwt' },
      });

      expectInvalid(await verifyErrorOf(service, token), 'algorithm');
    });

    it('refuses an HS256 token when the server is configured for HS384', async () => {
      const hs384 = new TokenService(configWith({ algorithm: 'HS384' }), clock.now);
      const token = jwt.sign(claimsAt(), SECRET, {
        algorithm: 'HS256',
        header: { alg: 'HS256', typ: 'at+jwt' },
      });

      expectInvalid(await verifyErrorOf(hs384, token), 'algorithm');
      const own = await hs384.issuePair(USER, SESSION);
      expect((await hs384.verify(own.access_token, 'access')).sub).toBe(USER);
    });

    it('refuses an unsigned alg:none token', async () => {
      const token = `${base64url({ alg: 'none', typ: 'at+jwt' })}.${base64url(claimsAt())}.`;

      expectInvalid(await verifyErrorOf(service, token), 'unsigned');
    });

    it('refuses an alg:none token that carries a signature part', async () => {
      const token = `${base64url({ alg: 'none', typ: 'at+jwt' })}.${base64url(claimsAt())}.c2ln`;

      expectInvalid(await verifyErrorOf(service, token), 'algorithm');
    });

    it('refuses a token signed with another secret', async () => {
      const token = jwt.sign(claimsAt(), 'another-secret-of-plenty-of-bytes-0123456789', {
        algorithm: 'HS256',
        header: { alg: 'HS256', typ: 'at+jwt' },
      });

      expectInvalid(await verifyErrorOf(service, token), 'signature');
    });

    it('refuses a token whose signature was tampered with', async () => {
      const [header, payload, signature] = (
        await service.issuePair(USER, SESSION)
      ).access_token.split('.');
      const flipped = signature[5] === 'A' ? 'B' : 'A';
      const tampered = `${header}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`;

      expectInvalid(await verifyErrorOf(service, tampered), 'signature');
    });

    it('refuses a token whose payload was changed after signing', async () => {
      const [header, payload, signature] = (
        await service.issuePair(USER, SESSION)
      ).access_token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as TokenClaims;
      const forged = `${header}.${base64url({ ...claims, sub: 'admin' })}.${signature}`;

      expectInvalid(await verifyErrorOf(service, forged), 'signature');
    });

    it.each(['garbage', 'a.b.c', ''])('refuses the malformed token %p', async (token) => {
      expectInvalid(await verifyErrorOf(service, token), 'malformed');
    });
  });

  describe('issuer and audience', () => {
    it('refuses a token from another issuer signed with the same secret', async () => {
      const other = new TokenService(configWith({ issuer: 'someone-else' }), clock.now);

      expectInvalid(
        await verifyErrorOf(service, (await other.issuePair(USER, SESSION)).access_token),
        'issuer',
      );
    });

    it('refuses a token whose aud does not match the required audience', async () => {
      const issuer = new TokenService(configWith({ audience: 'api://orders' }), clock.now);
      const verifier = new TokenService(
        configWith({ requiredAudience: 'api://billing' }),
        clock.now,
      );

      const error = await verifyErrorOf(
        verifier,
        (await issuer.issuePair(USER, SESSION)).access_token,
      );

      expect(error).toBeInstanceOf(TokenAudienceError);
    });

    it('refuses a token without aud when an audience is required', async () => {
      const verifier = new TokenService(
        configWith({ requiredAudience: 'api://billing' }),
        clock.now,
      );

      expect(
        await verifyErrorOf(verifier, (await service.issuePair(USER, SESSION)).access_token),
      ).toBeInstanceOf(TokenAudienceError);
    });

    it('accepts a token whose aud matches, alone or in a list', async () => {
      const verifier = new TokenService(
        configWith({ audience: 'api://billing', requiredAudience: 'api://billing' }),
        clock.now,
      );
      const listed = jwt.sign({ ...claimsAt(), aud: ['api://orders', 'api://billing'] }, SECRET, {
        algorithm: 'HS256',
        header: { alg: 'HS256', typ: 'at+jwt' },
      });

      const own = await verifier.issuePair(USER, SESSION);
      expect((await verifier.verify(own.access_token, 'access')).sub).toBe(USER);
      expect((await verifier.verify(listed, 'access')).sub).toBe(USER);
    });
  });

  describe('claims', () => {
    it('refuses a correctly signed token that lacks sid', async () => {
      const { sid: _sid, ...withoutSid } = claimsAt();
      const token = jwt.sign(withoutSid, SECRET, {
        algorithm: 'HS256',
        header: { alg: 'HS256', typ: 'at+jwt' },
      });

      expectInvalid(await verifyErrorOf(service, token), 'claims');
    });

    it('accepts a hand-made token with every claim, as the contract describes it', async () => {
      const token = jwt.sign(claimsAt(), SECRET, {
        algorithm: 'HS256',
        header: { alg: 'HS256', typ: 'at+jwt' },
      });

      expect(await service.verify(token, 'access')).toMatchObject({
        sub: USER,
        sid: SESSION,
        jti: 'jti-1',
      });
    });
  });
});
