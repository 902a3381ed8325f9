import type { PasskeySettings } from './auth-settings';
import { isOnRpDomain, passkeyDeploymentProblems } from './passkey-checks';

const settings = (changes: Partial<PasskeySettings>): PasskeySettings => ({
  ...{ enabled: true, rpId: 'example.com', rpName: 'Example', origins: ['https://example.com'] },
  ...{ userVerification: 'required', challengeTtlSeconds: 300, asFirstFactor: true },
  ...{ asSecondFactor: true, maxPerUser: 10 },
  ...changes,
});
const variables = (changes: Partial<PasskeySettings>) =>
  passkeyDeploymentProblems(settings(changes), 'PRODUCTION').map((p) => p.variable);

describe('passkeyDeploymentProblems (staging and production)', () => {
  it('accepts a domain with https origins on it and its subdomains', () => {
    expect(variables({ origins: ['https://example.com', 'https://app.example.com'] })).toEqual([]);
  });

  it.each(['localhost', 'app.localhost', '127.0.0.1', '[::1]', '10.0.0.7'])(
    'refuses rp_id %s, saying how to fix it',
    (rpId) => {
      const [problem] = passkeyDeploymentProblems(settings({ rpId }), 'PRODUCTION');
      expect(problem.variable).toBe('LEX_AUTH__PASSKEYS__RP_ID');
      expect(problem.message).toContain('LEX_AUTH__PASSKEYS__ENABLED=false');
    },
  );

  it('refuses an rp_id that is no domain name', () => {
    expect(variables({ rpId: 'intranet' })).toEqual(['LEX_AUTH__PASSKEYS__RP_ID']);
  });

  it('refuses plain-http origins and origins off the rp_id domain, each one', () => {
    expect(
      variables({
        origins: ['http://example.com', 'https://example.org', 'https://notexample.com'],
      }),
    ).toEqual([
      'LEX_AUTH__PASSKEYS__ORIGINS',
      'LEX_AUTH__PASSKEYS__ORIGINS',
      'LEX_AUTH__PASSKEYS__ORIGINS',
    ]);
  });

  it('leaves unset values to PasskeysModule, and checks nothing while passkeys are off', () => {
    expect(variables({ rpId: null, origins: [] })).toEqual([]);
    expect(variables({ rpId: null, origins: ['http://example.com'] })).toEqual([
      'LEX_AUTH__PASSKEYS__ORIGINS',
    ]);
    expect(variables({ enabled: false, rpId: 'localhost', origins: ['http://x'] })).toEqual([]);
  });

  it('matches a domain and its subdomains only, never a look-alike', () => {
    expect(isOnRpDomain('example.com', 'example.com')).toBe(true);
    expect(isOnRpDomain('a.b.example.com', 'example.com')).toBe(true);
    expect(isOnRpDomain('badexample.com', 'example.com')).toBe(false);
    expect(isOnRpDomain('example.com.evil.io', 'example.com')).toBe(false);
  });
});
