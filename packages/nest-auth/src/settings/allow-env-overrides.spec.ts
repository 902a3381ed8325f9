import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthConfigurationError } from './auth-configuration.error';
import { loadAuthConfig } from './load-auth-config';

describe('allowEnvOverrides: who wins, the options or YAML and the environment', () => {
  let dir: string;
  let configFile: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lex-env-overrides-'));
    configFile = join(dir, 'config.yaml');
    writeFileSync(
      configFile,
      [
        'auth:',
        '  token:',
        '    issuer: from-yaml',
        '    leeway_seconds: 7',
        '  mfa:',
        '    issuer: Yaml',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const env = {
    LEX_ENV: 'test',
    LEX_AUTH__TOKEN__ISSUER: 'from-env',
    LEX_AUTH__MAX_FAILED_ATTEMPTS: '9',
    LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS: '60',
  };
  const options = {
    token: { issuer: 'from-options', accessTtlSeconds: 120 },
    maxFailedAttempts: 3,
  };

  it('by default lets YAML and then the environment override the options (the example host)', () => {
    const config = loadAuthConfig({ ...options, env, configFile });

    expect(config.token.issuer).toBe('from-env');
    expect(config.token.accessTtlSeconds).toBe(60);
    expect(config.maxFailedAttempts).toBe(9);
    expect(config.mfa.issuer).toBe('Yaml');
    expect(config.sources).toMatchObject({
      'token.issuer': 'env',
      'token.accessTtlSeconds': 'env',
      maxFailedAttempts: 'env',
    });
  });

  it('with true behaves as the default', () => {
    const config = loadAuthConfig({ ...options, env, configFile, allowEnvOverrides: true });

    expect(config.token.issuer).toBe('from-env');
    expect(config.maxFailedAttempts).toBe(9);
  });

  it('with false keeps the options, and YAML and the environment fill only what they leave unset', () => {
    const config = loadAuthConfig({ ...options, env, configFile, allowEnvOverrides: false });

    expect(config.token.issuer).toBe('from-options');
    expect(config.token.accessTtlSeconds).toBe(120);
    expect(config.maxFailedAttempts).toBe(3);
    // Not in the options: YAML and the environment still apply, the environment above YAML.
    expect(config.token.leewaySeconds).toBe(7);
    expect(config.mfa.issuer).toBe('Yaml');
    expect(config.environment).toBe('test');
    expect(config.lockoutDurationSeconds).toBe(300);
    expect(config.sources).toMatchObject({
      'token.issuer': 'options',
      'token.accessTtlSeconds': 'options',
      maxFailedAttempts: 'options',
      'token.leewaySeconds': 'yaml',
      environment: 'env',
      lockoutDurationSeconds: 'default',
    });
  });

  it('with false still validates the environment, naming the variable', () => {
    let problems: unknown;
    try {
      loadAuthConfig({
        ...options,
        env: { LEX_AUTH__PASSWORD__ROUNDS: 'many' },
        configFile: false,
        allowEnvOverrides: false,
      });
    } catch (error) {
      expect(error).toBeInstanceOf(AuthConfigurationError);
      problems = (error as AuthConfigurationError).problems;
    }
    expect(problems).toEqual([
      expect.objectContaining({
        variable: 'LEX_AUTH__PASSWORD__ROUNDS',
        message: expect.stringContaining('expected a whole number from 4 to 31') as string,
      }),
    ]);
  });
});
