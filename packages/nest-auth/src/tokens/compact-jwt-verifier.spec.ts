import { createHmac, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { loadAuthConfig } from '../settings/load-auth-config';
import { InvalidTokenError } from '../errors/auth.errors';
import type { JwtAlgorithm } from '../settings/auth-settings';
import { testKeyPair, type PemKeyPair } from '../testing/test-key-pair';
import { isLowS } from './ecdsa-low-s';
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
  return signedHs256(`${b64({ alg: 'HS256', typ: 'at+jwt', ...header })}.${b64(body)}`);
}

/** Signs the exact text of `header.payload`, however it is spelled. */
const signedHs256 = (input: string) =>
  `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;

const serviceFor = (algorithm: JwtAlgorithm, pair: PemKeyPair) =>
  new TokenService(
    loadAuthConfig({ env: {}, configFile: false, token: { algorithm, ...pair } }),
    () => NOW_MS,
  );

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** The same ES256 token with s replaced by n − s: a second signature that verifies. */
function twinOf(token: string): string {
  const dot = token.lastIndexOf('.');
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  const s = P256_ORDER - BigInt(`0x${signature.subarray(32).toString('hex')}`);
  const twin = Buffer.concat([
    signature.subarray(0, 32),
    Buffer.from(s.toString(16).padStart(64, '0'), 'hex'),
  ]);
  return `${token.slice(0, dot + 1)}${twin.toString('base64url')}`;
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

  describe('canonical base64url on every segment (finding 5)', () => {
    const header = b64({ alg: 'HS256', typ: 'at+jwt' });
    const body = b64(payload());
    // Each spelling is signed as written, so only the spelling is wrong.
    const respell = (part: string) => ({
      padding: `${part}${'='.repeat((4 - (part.length % 4)) % 4 || 2)}`,
      'base64 + and /':
        part.replace(/-/g, '+').replace(/_/g, '/') +
        (part.includes('-') || part.includes('_') ? '' : '+'),
      'a stray character': `${part.slice(0, 4)}!${part.slice(4)}`,
    });

    it.each(Object.keys(respell('')))('refuses a header spelled with %s', (how) => {
      const spelled = respell(header)[how as keyof ReturnType<typeof respell>];
      expect(reasonOf(hsService, signedHs256(`${spelled}.${body}`))).toBe('malformed');
    });

    it.each(Object.keys(respell('')))('refuses a payload spelled with %s', (how) => {
      const spelled = respell(body)[how as keyof ReturnType<typeof respell>];
      expect(reasonOf(hsService, signedHs256(`${header}.${spelled}`))).toBe('malformed');
    });

    it('refuses a payload whose unused trailing bits are set', () => {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const odd = b64({ ...payload(), pad: 'x' });
      expect(odd.length % 4).not.toBe(0);
      const respelled = odd.slice(0, -1) + alphabet[alphabet.indexOf(odd[odd.length - 1]) ^ 1];
      expect(Buffer.from(respelled, 'base64url')).toEqual(Buffer.from(odd, 'base64url'));
      expect(hsService.verifyNow(signedHs256(`${header}.${odd}`), 'access').sub).toBe('user-1');
      expect(reasonOf(hsService, signedHs256(`${header}.${respelled}`))).toBe('malformed');
    });
  });

  describe('ES256 low-S (finding 6)', () => {
    const es = serviceFor('ES256', testKeyPair('ES256'));

    it('mints only low-S signatures, though OpenSSL emits high-S about half the time', async () => {
      const key = createPrivateKey(testKeyPair('ES256').privateKey);
      const raw = Array.from({ length: 64 }, () =>
        sign('sha256', Buffer.from('x'), { key, dsaEncoding: 'ieee-p1363' }),
      );
      expect(raw.some((signature) => !isLowS(signature))).toBe(true);
      const minted = await Promise.all(Array.from({ length: 64 }, () => es.issuePair('u', 's')));
      for (const { access_token, refresh_token } of minted) {
        for (const token of [access_token, refresh_token]) {
          expect(isLowS(Buffer.from(token.split('.')[2], 'base64url'))).toBe(true);
          expect(es.verifyNow(token, token === access_token ? 'access' : 'refresh').sub).toBe('u');
        }
      }
    });

    it('refuses the high-S twin of a valid token as a bad signature', async () => {
      const { access_token } = await es.issuePair('u', 's');
      expect(reasonOf(es, twinOf(access_token))).toBe('signature');
    });
  });

  describe('Ed25519 (RFC 9864) and EdDSA', () => {
    const pair = testKeyPair('Ed25519');
    const ed25519 = serviceFor('Ed25519', pair);
    const eddsa = serviceFor('EdDSA', pair);
    const headerOf = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as { alg: string };

    it('mints the configured name and accepts tokens minted under the other one', async () => {
      const modern = (await ed25519.issuePair('u', 's')).access_token;
      const legacy = (await eddsa.issuePair('u', 's')).access_token;
      expect(headerOf(modern).alg).toBe('Ed25519');
      expect(headerOf(legacy).alg).toBe('EdDSA');
      expect(eddsa.verifyNow(modern, 'access').sub).toBe('u');
      expect(ed25519.verifyNow(legacy, 'access').sub).toBe('u');
    });

    it('publishes the configured name as the JWK alg', () => {
      expect(ed25519.jwks()?.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'Ed25519' });
      expect(eddsa.jwks()?.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    });

    it('refuses alg Ed25519 over an Ed448 key, which only EdDSA names', async () => {
      const ed448 = generateKeyPairSync('ed448', {
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });
      const service = serviceFor('EdDSA', ed448);
      const { access_token } = await service.issuePair('u', 's');
      expect(service.verifyNow(access_token, 'access').sub).toBe('u');
      const kid = service.jwks()?.keys[0].kid;
      const input = `${b64({ alg: 'Ed25519', typ: 'at+jwt', kid })}.${b64(payload())}`;
      const signature = sign(null, Buffer.from(input), createPrivateKey(ed448.privateKey));
      const relabelled = `${input}.${signature.toString('base64url')}`;
      expect(reasonOf(service, relabelled)).toBe('signature');
    });

    it('refuses to start Ed25519 with a key that is not Ed25519', () => {
      expect(() => serviceFor('Ed25519', testKeyPair('ES256'))).toThrow(
        /Ed25519 needs an Ed25519 key/,
      );
    });
  });
});
