import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  type KeyObject,
  sign,
} from 'node:crypto';
import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import { TokenError } from '../errors/auth.errors';
import type { JwtAlgorithm } from '../settings/auth-settings';
import { loadAuthConfig } from '../settings/load-auth-config';
import { testKeyPair } from '../testing/test-key-pair';
import { ACCEPTED_HEADER_ALGORITHMS } from './jws-signature-checks';
import { TokenService } from './token.service';

/*
 * Differential test: our synchronous verifier against jose's jwtVerify, both given the same
 * policy (algorithms, key by kid, issuer, audience, typ at+jwt, leeway, the access TTL as the
 * maximum token age, the claims we mint as required). Wherever jose refuses, we must refuse;
 * where both accept, the claims must be equal; where only jose accepts, the token must break
 * one of the rules in STRICTER, and our refusal must carry that rule's reason.
 */

const MINT_MS = Date.UTC(2025, 10, 22, 12, 0, 0, 321);
const NOW_MS = MINT_MS + 100_000;
const NOW = Math.floor(NOW_MS / 1000);
const TTL = 1800;
const LEEWAY = 5;
const ISSUER = 'lexigram-auth';
const SECRET = 'differential-test-secret-of-64-bytes-0123456789abcdef0123456789ab';
const P256_HALF_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n >> 1n;

type Json = Record<string, unknown>;
const decode = (part: string) => Buffer.from(part, 'base64url');
const parsed = (part: string): Json | null => {
  try {
    const value: unknown = JSON.parse(decode(part).toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Json)
      : null;
  } catch {
    return null;
  }
};
const finite = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

/**
 * Where we are deliberately stricter than jose, each with the reasons we refuse it with.
 * Checked on the token's text, independently of the verifier.
 */
const STRICTER: Record<string, { holds: (parts: string[]) => boolean; reasons: string[] }> = {
  'a segment is not canonical base64url (padding, + /, stray characters, trailing bits)': {
    holds: (parts) => parts.some((p) => decode(p).toString('base64url') !== p),
    reasons: ['malformed'],
  },
  'a UTF-8 byte order mark before the header or payload JSON (RFC 8259 §8.1)': {
    holds: (parts) =>
      parts.slice(0, 2).some((p) => decode(p).toString('utf8').startsWith('\ufeff')),
    reasons: ['malformed'],
  },
  'ES256 signature with s > n/2 (the high-S twin)': {
    holds: ([h, , s]) =>
      parsed(h)?.alg === 'ES256' &&
      decode(s).length === 64 &&
      BigInt(`0x${decode(s).subarray(32).toString('hex')}`) > P256_HALF_ORDER,
    reasons: ['signature'],
  },
  'a b64 header (RFC 7797), even without crit': {
    holds: ([h]) => parsed(h)?.b64 !== undefined,
    reasons: ['malformed'],
  },
  'exp more than the TTL (+ leeway) after iat, or a non-finite exp/iat/nbf': {
    holds: ([, p]) => {
      const c = parsed(p) ?? {};
      const times = [c.exp, c.iat, c.nbf ?? 0];
      return !times.every(finite) || (c.exp as number) - (c.iat as number) > TTL + LEEWAY;
    },
    reasons: ['lifetime', 'claims', 'not_before'],
  },
  'iat_ms not a finite number in the second iat names, or in the future': {
    holds: ([, p]) => {
      const { iat, iat_ms } = parsed(p) ?? {};
      return (
        !finite(iat_ms) ||
        Math.floor((iat_ms as number) / 1000) !== iat ||
        (iat_ms as number) > NOW_MS + LEEWAY * 1000
      );
    },
    reasons: ['claims', 'issued_in_future'],
  },
  'sub, sid or jti not a string; roles not a string list; client_id not a string': {
    holds: ([, p]) => {
      const { sub, sid, jti, roles, client_id } = parsed(p) ?? {};
      const strings = (v: unknown) => Array.isArray(v) && v.every((r) => typeof r === 'string');
      return (
        [sub, sid, jti].some((v) => typeof v !== 'string') ||
        (roles !== undefined && !strings(roles)) ||
        (client_id !== undefined && typeof client_id !== 'string')
      );
    },
    reasons: ['claims'],
  },
};

interface Subject {
  algorithm: JwtAlgorithm;
  service: TokenService;
  signer: (input: string) => string;
  josePublicKey: KeyObject;
  kid: string | undefined;
  /** The service's clock: tokens are minted at MINT_MS and checked at NOW_MS. */
  clock: { ms: number };
}

function subjectFor(algorithm: JwtAlgorithm): Subject {
  const pair = algorithm.startsWith('HS')
    ? null
    : testKeyPair(algorithm as 'RS256' | 'ES256' | 'EdDSA' | 'Ed25519');
  const token = { algorithm, secretKey: SECRET, leewaySeconds: LEEWAY, accessTtlSeconds: TTL };
  const config = loadAuthConfig({
    env: {},
    configFile: false,
    token: { ...token, ...pair, requiredAudience: ISSUER },
  });
  const clock = { ms: MINT_MS };
  const service = new TokenService(config, () => clock.ms);
  const kid = service.jwks()?.keys[0].kid as string | undefined;
  const key = pair ? createPrivateKey(pair.privateKey) : createSecretKey(Buffer.from(SECRET));
  const signer = (input: string): string => {
    const data = Buffer.from(input);
    const hash = `sha${algorithm.slice(2)}`;
    if (algorithm.startsWith('HS')) return createHmac(hash, key).update(data).digest('base64url');
    if (algorithm === 'ES256') {
      return sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    }
    return sign(algorithm === 'RS256' ? 'sha256' : null, data, key).toString('base64url');
  };
  const josePublicKey = pair ? createPublicKey(pair.publicKey) : key;
  return { algorithm, service, signer, josePublicKey, kid, clock };
}

/** The kinds of mutation, each a list of tokens derived from one freshly minted access token. */
function mutationsOf(base: string, subject: Subject): Map<string, string[]> {
  const [h, p, s] = base.split('.');
  const resign = (header: string, payload: string) =>
    `${header}.${payload}.${subject.signer(`${header}.${payload}`)}`;
  const enc = (text: string) => Buffer.from(text).toString('base64url');
  const header = JSON.parse(decode(h).toString()) as Json;
  const claims = JSON.parse(decode(p).toString()) as Json;
  const withHeader = (edit: Json) => resign(enc(JSON.stringify({ ...header, ...edit })), p);
  const withClaims = (edit: Json) => resign(h, enc(JSON.stringify({ ...claims, ...edit })));
  const rawClaims = (json: string) => resign(h, enc(json));
  return new Map([
    ['character substitutions at every position', charSubstitutions(base)],
    ['bit flips of every header and payload byte, re-signed', bitFlips(h, p, resign)],
    ['header edits, re-signed', headerEdits(header, withHeader, subject)],
    ['claim edits, re-signed', claimEdits(claims, withClaims, rawClaims)],
    ['structure', structural(h, p, s, resign)],
  ]);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const STRAYS = ['=', '+', '/', '!', ' ', '.'];

function charSubstitutions(token: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < token.length; i++) {
    const at = ALPHABET.indexOf(token[i]);
    const next = at === -1 ? 'A' : ALPHABET[(at + 1) % 64];
    out.push(token.slice(0, i) + next + token.slice(i + 1));
    if (i % 5 === 0) out.push(token.slice(0, i) + STRAYS[i % STRAYS.length] + token.slice(i + 1));
  }
  return out;
}

function bitFlips(h: string, p: string, resign: (h: string, p: string) => string): string[] {
  const flip = (part: string, index: number, bit: number) => {
    const bytes = decode(part);
    bytes[index] ^= 1 << bit;
    return bytes.toString('base64url');
  };
  const out: string[] = [];
  for (let i = 0; i < decode(h).length; i++) out.push(resign(flip(h, i, i % 8), p));
  for (let i = 0; i < decode(p).length; i++) out.push(resign(h, flip(p, i, i % 8)));
  return out;
}

function headerEdits(header: Json, withHeader: (edit: Json) => string, subject: Subject) {
  const other = subject.algorithm === 'HS256' ? 'HS384' : 'HS256';
  const edits: Json[] = [
    { alg: 'none' },
    { alg: other },
    { alg: 'RS256' },
    { alg: 'ES256' },
    { alg: 'EdDSA' },
    { alg: 'Ed25519' },
    { alg: subject.algorithm.toLowerCase() },
    { alg: undefined },
    { alg: 7 },
    { kid: undefined },
    { kid: 'unknown-key' },
    { kid: 7 },
    { typ: undefined },
    { typ: 'application/at+jwt' },
    { typ: 'AT+JWT' },
    { typ: 'refresh+jwt' },
    { typ: 'JWT' },
    { typ: 7 },
    { crit: ['exp'], exp: 1 },
    { crit: [] },
    { crit: ['b64'], b64: true },
    { b64: true },
    { jku: 'https://attacker.example/jwks.json' },
    { jwk: { kty: 'oct', k: 'AAAA' } },
    { x5u: 'https://attacker.example/cert.pem' },
    { cty: 'JWT' },
    { extra: 'ignored' },
  ];
  return [...edits.map(withHeader), withHeader({ ...header })];
}

function claimEdits(claims: Json, withClaims: (e: Json) => string, raw: (j: string) => string) {
  const iat = claims.iat as number;
  const edits: Json[] = [
    ...[
      NOW - LEEWAY - 1,
      NOW - LEEWAY,
      NOW - 1,
      NOW,
      NOW + 1,
      iat + TTL,
      iat + TTL + LEEWAY,
      iat + TTL + LEEWAY + 1,
      1e20,
      -1,
      0.5,
    ].map((exp) => ({ exp })),
    ...['soon', null, undefined, true, [NOW + 60]].map((exp) => ({ exp })),
    ...[NOW + LEEWAY, NOW + LEEWAY + 1, 'now', null, undefined, NOW - TTL - 3 * LEEWAY].map(
      (t) => ({ iat: t, iat_ms: typeof t === 'number' ? t * 1000 : t }),
    ),
    ...[NOW_MS + LEEWAY * 1000 + 1, (claims.iat_ms as number) + 1000, 'x', undefined].map(
      (iat_ms) => ({ iat_ms }),
    ),
    ...[NOW + LEEWAY + 1, NOW + LEEWAY, NOW - 10, 'x', null].map((nbf) => ({ nbf })),
    ...['someone-else', undefined, 7, `${ISSUER} `].map((iss) => ({ iss })),
    ...['other', [ISSUER, 'other'], ['other'], [], undefined, 7].map((aud) => ({ aud })),
    ...[7, undefined, '', null].map((sub) => ({ sub })),
    ...[7, undefined].map((jti) => ({ jti })),
    ...[7, undefined].map((sid) => ({ sid })),
    ...[[1], 'admin', undefined, ['admin', 'editor']].map((roles) => ({ roles })),
    ...[7, undefined, 'another-client'].map((client_id) => ({ client_id })),
    { extra: { nested: true } },
  ];
  const json = JSON.stringify(claims);
  const rawEdits = [
    json.replace(/"exp":\d+/, '"exp":1e400'),
    json.replace(/"exp":\d+/, '"exp":-1e400'),
    json.replace(/"iat":\d+/, '"iat":1e400'),
    json.replace(/}$/, ',"nbf":-1e400}'),
    json.replace(/}$/, ',"exp":1e20}'),
    json.replace(/^{/, '{"exp":1e20,'),
    `\ufeff${json}`,
    `${json} `,
    ` ${json}`,
    '[]',
    'null',
    '"text"',
    '',
  ];
  return [...edits.map(withClaims), ...rawEdits.map(raw)];
}

function structural(h: string, p: string, s: string, resign: (h: string, p: string) => string) {
  return [
    `${h}.${p}`,
    `${h}.${p}.`,
    `${h}.${p}.${s}.`,
    `${h}.${p}.${s}.${s}`,
    `.${p}.${s}`,
    `${h}..${s}`,
    `${h}.${p}.${s}==`,
    `${h}==.${p}.${s}`,
    ` ${h}.${p}.${s}`,
    `${h}.${p}.${s} `,
    resign(`${h}=`, p),
    resign(h, `${p}==`),
    resign(`${h}.${h}`, p),
    '',
    '...',
  ];
}

type Outcome = { ok: true; claims: Json } | { ok: false; reason: string };

function ours(service: TokenService, token: string): Outcome {
  try {
    return { ok: true, claims: { ...service.verifyNow(token, 'access') } };
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    return { ok: false, reason: error.reason };
  }
}

async function theirs(subject: Subject, token: string): Promise<Outcome> {
  const getKey: JWTVerifyGetKey = (header) => {
    if (header.kid !== subject.kid) throw new Error('unknown kid');
    return subject.josePublicKey;
  };
  try {
    const { payload } = await jwtVerify(token, getKey, {
      algorithms: [...ACCEPTED_HEADER_ALGORITHMS[subject.algorithm]],
      issuer: ISSUER,
      audience: ISSUER,
      typ: 'at+jwt',
      currentDate: new Date(NOW_MS),
      clockTolerance: LEEWAY,
      maxTokenAge: TTL + LEEWAY,
      requiredClaims: ['exp', 'iat', 'sub', 'jti', 'sid', 'iat_ms'],
    });
    return { ok: true, claims: payload };
  } catch {
    return { ok: false, reason: 'jose' };
  }
}

const ALGORITHMS: JwtAlgorithm[] = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'ES256',
  'EdDSA',
  'Ed25519',
];

describe('CompactJwtVerifier against jose (differential)', () => {
  const stricterSeen = new Map<string, number>();
  let cases = 0;

  it.each(ALGORITHMS)(
    'refuses whatever jose refuses, over mutated %s tokens',
    async (algorithm) => {
      const subject = subjectFor(algorithm);
      const base = await subject.service.sign('access', 'user-1', 'session-1', TTL, ['editor']);
      subject.clock.ms = NOW_MS;
      const problems: string[] = [];
      for (const [kind, tokens] of mutationsOf(base, subject)) {
        for (const token of tokens) {
          cases++;
          const problem = compare(
            ours(subject.service, token),
            await theirs(subject, token),
            token,
          );
          if (problem) problems.push(`${kind}: ${problem}: ${token}`);
        }
      }
      expect(problems).toEqual([]);
      expect(ours(subject.service, base)).toMatchObject({ ok: true });
    },
  );

  /** What is wrong with the pair of outcomes, or null when they agree as the policy requires. */
  function compare(our: Outcome, jose: Outcome, token: string): string | null {
    if (!jose.ok) return our.ok ? 'jose refuses, we accept' : null;
    if (our.ok) {
      return JSON.stringify(our.claims) === JSON.stringify(jose.claims) ? null : 'claims differ';
    }
    const rules = Object.entries(STRICTER).filter(
      ([, rule]) => rule.reasons.includes(our.reason) && rule.holds(token.split('.')),
    );
    if (rules.length === 0) {
      return `only jose accepts; we say ${our.reason}, no deliberate rule explains it`;
    }
    for (const [name] of rules) stricterSeen.set(name, (stricterSeen.get(name) ?? 0) + 1);
    return null;
  }

  it('exercises every deliberate difference, over a few thousand cases', () => {
    // A rule no mutation reaches is dead, or a mutation stopped reaching it.
    expect([...stricterSeen.keys()].sort()).toEqual(Object.keys(STRICTER).sort());
    expect(cases).toBeGreaterThan(3000);
    process.stdout.write(
      `verifier-vs-jose: ${cases} cases; stricter than jose: ${JSON.stringify(Object.fromEntries(stricterSeen))}\n`,
    );
  });
});
