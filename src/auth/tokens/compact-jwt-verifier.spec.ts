import { createHmac } from 'node:crypto';
import { loadAuthConfig } from '../settings/load-auth-config';
import { InvalidTokenError } from '../errors/auth.errors';
import { testKeyPair } from '../testing/test-key-pair';
import { TokenService } from './token.service';

const NOW_MS = Date.UTC(2025, 10, 22, 12, 0, 0);
const SECRET = 'compact-verifier-secret-of-32-bytes-or-more';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const payload = () => ({
  sub: 'user-1',
  sid: 'session-1',
  jti: 'jti-1',
  iat: NOW_MS / 1000,
  iat_ms: NOW_MS,
  exp: NOW_MS / 1000 + 600,
  iss: 'lexigram-auth',
});

/** An HS256 token with any header, signed with the configured secret. */
function hs256(header: Record<string, unknown>, body: unknown = payload()): string {
  const input = `${b64({ alg: 'HS256', typ: 'at+jwt', ...header })}.${b64(body)}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

function reasonOf(service: TokenService, token: string): string {
  try {
    service.verifyNow(token, 'access');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as InvalidTokenError).reason;
  }
  throw new Error('Expected verifyNow() to refuse the token, but it accepted it');
}

describe('TokenService.verifyNow (synchronous compact JWS verification)', () => {
  const hsService = new TokenService(
    loadAuthConfig({ env: {}, configFile: false, token: { secretKey: SECRET } }),
    () => NOW_MS,
  );

  it('accepts a well-signed token, again from its cached header', () => {
    const token = hs256({});
    expect(hsService.verifyNow(token, 'access').sub).toBe('user-1');
    expect(hsService.verifyNow(token, 'access').jti).toBe('jti-1');
  });

  it.each([
    ['two parts', 'a.b', 'malformed'],
    ['four parts', 'a.b.c.d', 'malformed'],
    ['an empty header', '.b.c', 'malformed'],
    ['a header that is not JSON', 'bm90LWpzb24.e30.c2ln', 'malformed'],
    ['a header that is a JSON array', `${b64([1])}.e30.c2ln`, 'malformed'],
    ['an empty signature', `${b64({ alg: 'HS256' })}.e30.`, 'unsigned'],
  ])('refuses %s as %s', (_name, token, reason) => {
    expect(reasonOf(hsService, token)).toBe(reason);
  });

  it('refuses a second spelling of a valid signature (unused trailing bits set)', () => {
    const token = hs256({});
    expect(hsService.verifyNow(token, 'access').sub).toBe('user-1');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // 32 bytes take 43 characters; the last one's two low bits carry no data.
    const last = alphabet[alphabet.indexOf(token[token.length - 1]) ^ 1];
    const respelled = token.slice(0, -1) + last;
    expect(Buffer.from(respelled.split('.')[2], 'base64url')).toEqual(
      Buffer.from(token.split('.')[2], 'base64url'),
    );
    expect(reasonOf(hsService, respelled)).toBe('malformed');
  });

  it('refuses a crit header it cannot honour, even correctly signed', () => {
    expect(reasonOf(hsService, hs256({ crit: ['exp'], exp: 1 }))).toBe('malformed');
  });

  it('refuses a payload that is not a JSON object, even correctly signed', () => {
    expect(reasonOf(hsService, hs256({}, [1, 2]))).toBe('malformed');
  });

  it('reads a signature node:crypto cannot parse as a bad signature, not a crash', () => {
    const pair = testKeyPair('ES256');
    const es = new TokenService(
      loadAuthConfig({ env: {}, configFile: false, token: { algorithm: 'ES256', ...pair } }),
      () => NOW_MS,
    );
    return es.issuePair('user-1', 'session-1').then(({ access_token }) => {
      // Eight characters: a canonical encoding of six bytes, which is no ECDSA signature.
      const truncated = access_token.slice(0, access_token.lastIndexOf('.') + 9);
      expect(reasonOf(es, truncated)).toBe('signature');
    });
  });
});
