import { AuthConfigurationError } from '../settings/auth-configuration.error';
import { loadAuthConfig } from '../settings/load-auth-config';
import type { AuthModuleOptions } from '../options/auth-module-options';
import { relyingPartyOf } from './passkey-relying-party';

const config = (o: AuthModuleOptions) => loadAuthConfig({ configFile: false, env: {}, ...o });
const PRODUCTION: AuthModuleOptions = {
  environment: 'production',
  secretKey: 'x'.repeat(40),
  emailVerification: { enabled: false },
  passwordReset: { enabled: false },
};

describe('relyingPartyOf', () => {
  it('falls back to localhost and http://localhost:3000 in development and test', () => {
    for (const environment of ['development', 'test'] as const) {
      expect(relyingPartyOf(config({ environment }))).toEqual({
        rpId: 'localhost',
        rpName: 'Lexigram',
        origins: ['http://localhost:3000'],
      });
    }
  });

  it('takes the configured values, from the environment too', () => {
    const c = config({
      environment: 'test',
      env: {
        LEX_AUTH__PASSKEYS__RP_ID: 'example.com',
        LEX_AUTH__PASSKEYS__ORIGINS: 'https://example.com, https://app.example.com',
        LEX_AUTH__PASSKEYS__RP_NAME: 'Example',
      },
    });
    expect(relyingPartyOf(c)).toEqual({
      rpId: 'example.com',
      rpName: 'Example',
      origins: ['https://example.com', 'https://app.example.com'],
    });
  });

  it('has no fallback in production: names both variables', () => {
    const error = (() => {
      try {
        return relyingPartyOf(config(PRODUCTION));
      } catch (e) {
        return e as AuthConfigurationError;
      }
    })() as AuthConfigurationError;
    expect(error).toBeInstanceOf(AuthConfigurationError);
    expect(error.problems.map((p) => p.variable)).toEqual([
      'LEX_AUTH__PASSKEYS__RP_ID',
      'LEX_AUTH__PASSKEYS__ORIGINS',
    ]);
    const set = { rpId: 'example.com', origins: ['https://example.com'] };
    expect(relyingPartyOf(config({ ...PRODUCTION, passkeys: set })).rpId).toBe('example.com');
  });

  it('refuses a malformed origin or user verification at boot, naming the setting', () => {
    expect(() =>
      config({ env: { LEX_AUTH__PASSKEYS__ORIGINS: 'https://example.com/login' } }),
    ).toThrow(/LEX_AUTH__PASSKEYS__ORIGINS/);
    expect(() => config({ env: { LEX_AUTH__PASSKEYS__USER_VERIFICATION: 'always' } })).toThrow(
      /LEX_AUTH__PASSKEYS__USER_VERIFICATION/,
    );
  });
});
