import type { AuthSettingsOptions } from './auth-settings-options';
import { loadAuthConfig } from './load-auth-config';

// The option types are derived from the schema (`z.input`): these must compile, and the
// `@ts-expect-error` lines must not (tsc fails on an unused one), so a parser whose input type
// fell back to `unknown` is caught by the typecheck.
const typed: AuthSettingsOptions = {
  token: {
    algorithm: 'RS256',
    accessTtlSeconds: 60,
    previousKeys: [{ publicKey: 'pem', retiredAt: new Date('2025-06-01T12:00:00Z') }],
    requiredAudience: null,
  },
  password: { rounds: 4, bannedPatterns: ['acme'], requireDigits: true },
  roles: { reader: { permissions: ['posts.read'] }, admin: { inherits: ['reader'] } },
  defaultRoles: ['reader'],
  loginRateLimit: '20/minute',
  passkeys: { origins: ['https://app.example.com'], userVerification: 'preferred' },
  oidc: {
    providers: [
      {
        id: 'gh',
        displayName: 'GitHub',
        issuer: 'https://gh.example',
        clientId: 'c',
        clientSecret: 's',
        claims: { subject: 'id' },
      },
    ],
  },
};

// Refused by the type, accepted at run time as the environment's strings are.
const envLike: AuthSettingsOptions[] = [
  // @ts-expect-error a number, not its text
  { token: { accessTtlSeconds: '60' } },
  // @ts-expect-error a list, not a comma-separated text
  { roles: { reader: {} }, defaultRoles: 'reader' },
];

// Refused by the type and at run time, naming the variable.
const refused: [AuthSettingsOptions, string][] = [
  // @ts-expect-error a boolean
  [{ mfa: { enabled: 'yes' } }, 'LEX_AUTH__MFA__ENABLED'],
  // @ts-expect-error one of the store kinds
  [{ store: 'disk' }, 'LEX_AUTH__STORE'],
  // @ts-expect-error a provider needs its id
  [{ oidc: { providers: [{ displayName: 'G', clientId: 'c' }] } }, 'LEX_AUTH__OIDC__PROVIDERS'],
];

// @ts-expect-error not a setting (at run time the options' other keys are not read as settings)
export const misspelt: AuthSettingsOptions = { tokne: {} };

describe('AuthSettingsOptions (z.input of the settings schema)', () => {
  it('takes typed values in camelCase and yields the parsed settings', () => {
    const config = loadAuthConfig({ ...typed, env: {}, configFile: false });

    expect(config.token.accessTtlSeconds).toBe(60);
    expect(config.token.previousKeys[0].retiredAt).toEqual(new Date('2025-06-01T12:00:00Z'));
    expect(config.password.bannedPatterns).toEqual(['acme']);
    expect(config.roles.admin).toEqual({ permissions: [], inherits: ['reader'] });
    expect(config.loginRateLimit).toEqual({ limit: 20, ttlSeconds: 60, text: '20/minute' });
    expect(config.oidc.providers[0].claims).toEqual({
      subject: 'id',
      email: 'email',
      emailVerified: 'email_verified',
    });
  });

  it('parses a number or list written as text, as from the environment', () => {
    const [number, list] = envLike.map((options) =>
      loadAuthConfig({ ...options, env: {}, configFile: false }),
    );
    expect(number.token.accessTtlSeconds).toBe(60);
    expect(list.defaultRoles).toEqual(['reader']);
  });

  it('refuses at run time the other values the types refuse', () => {
    for (const [options, variable] of refused) {
      expect(() => loadAuthConfig({ ...options, env: {}, configFile: false })).toThrow(variable);
    }
  });
});
