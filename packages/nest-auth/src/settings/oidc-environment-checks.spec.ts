import { loadAuthConfig, resolveAuthConfig } from './load-auth-config';

const provider = (changes: Record<string, unknown> = {}) => ({
  id: 'google',
  displayName: 'Google',
  issuer: 'https://accounts.google.com',
  clientId: 'client-id',
  clientSecret: 'GOCSPX-a-real-looking-secret-value',
  ...changes,
});

const deployed = (oidc: Record<string, unknown>) =>
  resolveAuthConfig({
    env: {},
    configFile: false,
    environment: 'production',
    oidc: {
      redirectBaseUrl: 'https://api.example.org',
      postLoginUrl: 'https://app.example.org/',
      ...oidc,
    },
  }).problems.filter((p) => p.variable.startsWith('LEX_AUTH__OIDC'));

describe('oidc settings', () => {
  it('parses a provider list from the environment, snake_case keys, with defaults', () => {
    const config = loadAuthConfig({
      configFile: false,
      env: {
        LEX_AUTH__OIDC__PROVIDERS: JSON.stringify([
          {
            id: 'gh',
            display_name: 'GitHub',
            authorization_endpoint: 'https://github.com/login/oauth/authorize',
            token_endpoint: 'https://github.com/login/oauth/access_token',
            userinfo_endpoint: 'https://api.github.com/user',
            client_id: 'c',
            client_secret: 's',
            claims: { subject: 'id', email_verified: null },
          },
        ]),
      },
    });
    expect(config.oidc.accountCreation).toBe('verified_email_only');
    expect(config.oidc.linkByVerifiedEmail).toBe(false);
    expect(config.oidc.providers[0]).toEqual(
      expect.objectContaining({
        id: 'gh',
        issuer: null,
        clientAuth: 'client_secret_basic',
        scopes: ['openid', 'email', 'profile'],
        claims: { subject: 'id', email: 'email', emailVerified: null },
      }),
    );
  });

  it('refuses a provider with neither an issuer nor the three endpoints, and duplicate ids', () => {
    const { problems } = resolveAuthConfig({
      configFile: false,
      env: {},
      oidc: { providers: [provider({ issuer: null }), provider(), provider()] },
    });
    const messages = problems.map((p) => p.message).join('\n');
    expect(messages).toContain('set issuer (OpenID Connect discovery)');
    expect(messages).toContain('"google" is used by two providers');
  });

  it('in production refuses http redirect base, http issuer and a placeholder client secret', () => {
    expect(deployed({ providers: [provider()] })).toEqual([]);
    const problems = deployed({
      redirectBaseUrl: 'http://api.example.org',
      providers: [provider({ issuer: 'http://idp.example.org', clientSecret: 'change-me' })],
    });
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('must be an https:// URL'),
      expect.stringContaining('must be https:// URLs'),
      expect.stringContaining('client_secret looks like a placeholder'),
    ]);
  });
});
