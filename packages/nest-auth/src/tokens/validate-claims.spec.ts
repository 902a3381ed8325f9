import { InvalidTokenError, TokenExpiredError } from '../errors/auth.errors';
import { type ClaimRules, validateClaims } from './validate-claims';

const NOW_MS = Date.UTC(2025, 10, 22, 12, 0, 0, 250);
const NOW = Math.floor(NOW_MS / 1000);
const TTL = 1800;
const rules = (leewaySeconds = 0): ClaimRules => ({
  issuer: 'lexigram-auth',
  requiredAudience: null,
  leewaySeconds,
  lifetimeSeconds: TTL,
});

/** Claims of a token minted `agoSeconds` ago with the full TTL; `edit` replaces any of them. */
const claims = (edit: Record<string, unknown> = {}, agoSeconds = 60) => ({
  sub: 'user-1',
  sid: 'session-1',
  jti: 'jti-1',
  iat: NOW - agoSeconds,
  iat_ms: (NOW - agoSeconds) * 1000 + 7,
  exp: NOW - agoSeconds + TTL,
  iss: 'lexigram-auth',
  ...edit,
});

function reasonOf(payload: Record<string, unknown>, leeway = 0): string {
  try {
    validateClaims(payload, rules(leeway), NOW_MS);
  } catch (error) {
    if (error instanceof TokenExpiredError) return 'expired';
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as InvalidTokenError).reason;
  }
  throw new Error('Expected validateClaims to refuse the claims');
}

describe('validateClaims', () => {
  it('accepts the claims the server mints', () => {
    expect(validateClaims(claims(), rules(), NOW_MS).sub).toBe('user-1');
  });

  describe('exp is a finite NumericDate at most the TTL after iat (finding 3)', () => {
    it.each([
      ['Infinity (JSON 1e400)', { exp: JSON.parse('1e400') as number }, 'claims'],
      ['-Infinity', { exp: -Infinity }, 'claims'],
      ['NaN', { exp: NaN }, 'claims'],
      ['1e20, finite but far away', { exp: 1e20 }, 'lifetime'],
      ['a string', { exp: String(NOW + 60) }, 'claims'],
      ['missing', { exp: undefined }, 'no_exp'],
      ['one second beyond iat + TTL', { exp: NOW - 60 + TTL + 1 }, 'lifetime'],
    ])('refuses exp %s', (_name, edit, reason) => {
      expect(reasonOf(claims(edit))).toBe(reason);
    });

    it('accepts exp exactly iat + TTL, and up to the leeway beyond it', () => {
      expect(() => validateClaims(claims(), rules(), NOW_MS)).not.toThrow();
      const late = claims({ exp: NOW - 60 + TTL + 30 });
      expect(reasonOf(late)).toBe('lifetime');
      expect(() => validateClaims(late, rules(30), NOW_MS)).not.toThrow();
    });

    it('still reports an expired token as expired', () => {
      expect(reasonOf(claims({}, TTL))).toBe('expired');
    });
  });

  describe('iat, iat_ms and nbf are not in the future (finding 4)', () => {
    it.each([
      ['iat one second ahead', { iat: NOW + 1, iat_ms: (NOW + 1) * 1000, exp: NOW + 61 }],
      ['iat_ms ahead within the same second as iat', { iat: NOW, iat_ms: NOW_MS + 500 }],
      ['iat a year ahead', { iat: NOW + 31536000, iat_ms: (NOW + 31536000) * 1000 }],
    ])('refuses %s', (_name, edit) => {
      expect(reasonOf(claims(edit))).toBe('issued_in_future');
    });

    it('accepts an iat_ms ahead of the clock within the leeway', () => {
      const ahead = claims({ iat: NOW + 5, iat_ms: (NOW + 5) * 1000, exp: NOW + 600 });
      expect(reasonOf(ahead, 4)).toBe('issued_in_future');
      expect(() => validateClaims(ahead, rules(5), NOW_MS)).not.toThrow();
    });

    it.each([
      ['missing', { iat: undefined }],
      ['a string', { iat: String(NOW) }],
      ['Infinity', { iat: Infinity }],
      ['iat_ms missing', { iat_ms: undefined }],
      ['iat_ms in another second than iat', { iat_ms: (NOW - 120) * 1000 }],
    ])('refuses iat %s', (_name, edit) => {
      expect(reasonOf(claims(edit))).toBe('claims');
    });

    it.each([
      ['in the future', { nbf: NOW + 10 }],
      ['Infinity', { nbf: Infinity }],
      ['a string', { nbf: String(NOW) }],
    ])('refuses nbf %s', (_name, edit) => {
      expect(reasonOf(claims(edit))).toBe('not_before');
    });

    it('accepts an nbf that has passed', () => {
      expect(() => validateClaims(claims({ nbf: NOW - 60 }), rules(), NOW_MS)).not.toThrow();
    });
  });

  it.each([
    ['client_id that is not a string', { client_id: 7 }],
    ['roles that are not strings', { roles: [1] }],
    ['sub that is not a string', { sub: 1 }],
  ])('refuses %s', (_name, edit) => {
    expect(reasonOf(claims(edit))).toBe('claims');
  });
});
