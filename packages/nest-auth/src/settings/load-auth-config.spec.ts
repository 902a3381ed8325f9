import fs from 'node:fs';
import { parse } from 'yaml';
import type { AuthModuleOptions } from '../options/auth-module-options';
import { AuthConfigurationError } from './auth-configuration.error';
import { DEFAULT_SECRET_KEY } from './auth-settings';
import { defaultLayer, envLayer, yamlLayer } from './config-layers';
import { processMaxConcurrentHashes } from './default-hash-concurrency';
import { loadAuthConfig } from './load-auth-config';
import { mergeLayers } from './merge-layers';
import { camelizeKeys } from './setting-names';

/** Loads with no process environment and no YAML file unless the test gives them. */
const load = (options: AuthModuleOptions = {}) =>
  loadAuthConfig({ configFile: false, env: {}, ...options });

/** The AuthConfigurationError `run` throws; fails the test when it throws nothing or another error. */
function configErrorOf(run: () => unknown): AuthConfigurationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthConfigurationError);
    return error as AuthConfigurationError;
  }
  throw new Error('Expected an AuthConfigurationError, but nothing was thrown');
}

const STRONG_SECRET = 'k'.repeat(64);
const DEFAULT_SECRET_IN = (stage: string) =>
  `CRITICAL SECURITY ERROR: Default JWT secret_key detected in ${stage}. ` +
  'You MUST set a secure secret key via LEX_AUTH__TOKEN__SECRET_KEY.';

describe('loadAuthConfig', () => {
  describe('defaults', () => {
    it('uses the documented defaults when nothing is set', () => {
      const config = load();

      expect(config.environment).toBe('development');
      expect(config.secretKey).toBe(DEFAULT_SECRET_KEY);
      expect(config.token).toEqual({
        secretKey: DEFAULT_SECRET_KEY,
        algorithm: 'HS256',
        privateKey: null,
        publicKey: null,
        nextPublicKey: null,
        previousKeys: [],
        keyRotationGraceSeconds: 3600,
        accessTtlSeconds: 1800,
        refreshTtlSeconds: 604800,
        issuer: 'lexigram-auth',
        audience: null,
        requiredAudience: null,
        leewaySeconds: 0,
      });
      expect(config.maxFailedAttempts).toBe(5);
      expect(config.lockoutDurationSeconds).toBe(300);
      expect(config.loginRateLimit).toEqual({ limit: 5, ttlSeconds: 60, text: '5/minute' });
      expect(config.password).toEqual({
        algorithm: 'bcrypt',
        rounds: 12,
        argon2MemoryKib: 19456,
        argon2Iterations: 2,
        argon2Parallelism: 1,
        maxConcurrentHashes: processMaxConcurrentHashes('bcrypt'),
        minLength: 12,
        maxLength: 128,
        requireUppercase: false,
        requireLowercase: false,
        requireDigits: false,
        requireSpecial: false,
        bannedPatterns: [],
      });
      expect(config.store).toBe('database');
    });

    it('starts the account-lifecycle features with the documented defaults', () => {
      const config = load();

      expect(config.maxSessionsPerUser).toBe(0);
      expect(config.roles).toEqual({});
      expect(config.defaultRoles).toEqual([]);
      expect(config.requireVerifiedEmail).toBe(false);
      expect(config.emailVerification).toEqual({ enabled: true, ttlSeconds: 86400 });
      expect(config.passwordReset).toEqual({ enabled: true, ttlSeconds: 3600 });
      expect(config.mail).toEqual({
        from: 'Lexigram Auth <no-reply@localhost>',
        linkBaseUrl: 'http://localhost:3000',
        smtpUrl: null,
        rateLimit: { limit: 5, ttlSeconds: 3600, text: '5/hour' },
      });
      expect(config.mfa).toEqual({ enabled: true, issuer: 'Lexigram', challengeTtlSeconds: 300 });
      expect(config.apiKeys).toEqual({ enabled: true, maxPerUser: 20 });
      expect(config.passkeys).toEqual({
        ...{ enabled: true, rpId: null, rpName: 'Lexigram', origins: [] },
        ...{ userVerification: 'required', challengeTtlSeconds: 300, asFirstFactor: true },
        ...{ asSecondFactor: true, maxPerUser: 10 },
      });
    });

    it('reads SMTP_URL as mail.smtp_url, and refuses a reset link living beyond a day', () => {
      expect(load({ env: { SMTP_URL: 'smtp://mailer:pw@127.0.0.1:2525' } }).mail.smtpUrl).toBe(
        'smtp://mailer:pw@127.0.0.1:2525',
      );
      expect(() => load({ env: { LEX_AUTH__PASSWORD_RESET__TTL_SECONDS: '86401' } })).toThrow(
        /LEX_AUTH__PASSWORD_RESET__TTL_SECONDS/,
      );
    });

    it('returns a frozen config, so no provider can change a setting after boot', () => {
      const config = load();

      expect(Object.isFrozen(config)).toBe(true);
      expect(Object.isFrozen(config.token)).toBe(true);
      expect(Object.isFrozen(config.password)).toBe(true);
    });
  });

  describe('precedence: defaults < options < YAML < env', () => {
    it('lets options override a default and keeps the defaults beside it', () => {
      const config = load({ token: { issuer: 'from-options' }, maxFailedAttempts: 3 });

      expect(config.token.issuer).toBe('from-options');
      expect(config.token.accessTtlSeconds).toBe(1800);
      expect(config.maxFailedAttempts).toBe(3);
    });

    it('lets the environment override options', () => {
      const config = load({
        token: { issuer: 'from-options' },
        env: { LEX_AUTH__TOKEN__ISSUER: 'from-env' },
      });

      expect(config.token.issuer).toBe('from-env');
    });

    it('ignores option fields that are undefined instead of erasing the default', () => {
      const config = load({ token: { issuer: undefined }, store: undefined });

      expect(config.token.issuer).toBe('lexigram-auth');
      expect(config.store).toBe('database');
    });

    it('records in `sources` which layer set each setting', () => {
      const config = load({
        maxFailedAttempts: 3,
        token: { issuer: 'from-options' },
        env: { LEX_AUTH__TOKEN__ISSUER: 'from-env', LEX_ENV: 'test' },
      });

      expect(config.sources).toMatchObject({
        environment: 'env',
        'token.issuer': 'env',
        maxFailedAttempts: 'options',
        lockoutDurationSeconds: 'default',
        'token.accessTtlSeconds': 'default',
      });
    });
  });

  describe('YAML file (read through a stubbed fs; no file is touched)', () => {
    const YAML_PATH = '/virtual/lexigram/config.yaml';
    let yamlText: string | undefined;

    beforeEach(() => {
      yamlText = undefined;
      const realExists = fs.existsSync;
      const realRead = fs.readFileSync;
      jest
        .spyOn(fs, 'existsSync')
        .mockImplementation((path) =>
          path === YAML_PATH ? yamlText !== undefined : realExists(path),
        );
      jest
        .spyOn(fs, 'readFileSync')
        .mockImplementation(((path: fs.PathOrFileDescriptor, ...rest: unknown[]) =>
          path === YAML_PATH
            ? yamlText
            : (realRead as (...a: unknown[]) => unknown)(path, ...rest)) as typeof fs.readFileSync);
    });

    afterEach(() => jest.restoreAllMocks());

    it('puts the YAML `auth:` section above options and below the environment', () => {
      yamlText = [
        'auth:',
        '  max_failed_attempts: 7',
        '  token:',
        '    issuer: from-yaml',
        '    access_ttl_seconds: 600',
        '  password:',
        '    require_digits: true',
      ].join('\n');

      const config = load({
        configFile: YAML_PATH,
        maxFailedAttempts: 3,
        lockoutDurationSeconds: 100,
        token: { issuer: 'from-options' },
        env: { LEX_AUTH__MAX_FAILED_ATTEMPTS: '9' },
      });

      expect(config.token.issuer).toBe('from-yaml');
      expect(config.token.accessTtlSeconds).toBe(600);
      expect(config.password.requireDigits).toBe(true);
      expect(config.maxFailedAttempts).toBe(9);
      expect(config.lockoutDurationSeconds).toBe(100);
      expect(config.sources).toMatchObject({
        'token.issuer': 'yaml',
        'token.accessTtlSeconds': 'yaml',
        maxFailedAttempts: 'env',
        lockoutDurationSeconds: 'options',
      });
    });

    it('reads the file named by LEX_CONFIG_FILE when no configFile option is given', () => {
      yamlText = 'auth:\n  token:\n    issuer: via-lex-config-file\n';

      const config = loadAuthConfig({ env: { LEX_CONFIG_FILE: YAML_PATH } });

      expect(config.token.issuer).toBe('via-lex-config-file');
    });

    it('names the YAML key and the env variable of an invalid YAML value', () => {
      yamlText = 'auth:\n  token:\n    access_ttl_seconds: soon\n';

      const error = configErrorOf(() => load({ configFile: YAML_PATH }));

      expect(error.problems).toEqual([
        {
          variable: 'LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS',
          message: expect.stringContaining('YAML auth.token.access_ttl_seconds') as string,
        },
      ]);
    });

    it('refuses an unknown YAML key, naming it', () => {
      yamlText = 'auth:\n  token:\n    isuer: typo\n';

      const error = configErrorOf(() => load({ configFile: YAML_PATH }));

      expect(error.problems).toEqual([
        {
          variable: 'LEX_AUTH__TOKEN__ISUER',
          message: expect.stringContaining('auth.token.isuer') as string,
        },
      ]);
    });

    it('refuses an explicitly named file that does not exist', () => {
      const error = configErrorOf(() => load({ configFile: YAML_PATH }));

      expect(error.problems[0].variable).toBe('LEX_CONFIG_FILE');
      expect(error.problems[0].message).toContain('does not exist');
    });

    it('refuses a file that is not valid YAML', () => {
      yamlText = 'auth: [unclosed';

      const error = configErrorOf(() => load({ configFile: YAML_PATH }));

      expect(error.problems[0].variable).toBe('LEX_CONFIG_FILE');
      expect(error.problems[0].message).toContain('not valid YAML');
    });

    it('reads nothing when configFile is false, even if LEX_CONFIG_FILE is set', () => {
      yamlText = 'auth:\n  token:\n    issuer: from-yaml\n';

      expect(yamlLayer(false, { LEX_CONFIG_FILE: YAML_PATH })).toEqual({});
      expect(load({ env: { LEX_CONFIG_FILE: YAML_PATH } }).token.issuer).toBe('lexigram-auth');
    });
  });

  describe('environment variables', () => {
    it('coerces numeric strings to numbers', () => {
      const config = load({
        env: {
          LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS: '900',
          LEX_AUTH__TOKEN__LEEWAY_SECONDS: ' 30 ',
          LEX_AUTH__MAX_FAILED_ATTEMPTS: '10',
          LEX_AUTH__PASSWORD__ROUNDS: '4',
        },
      });

      expect(config.token.accessTtlSeconds).toBe(900);
      expect(config.token.leewaySeconds).toBe(30);
      expect(config.maxFailedAttempts).toBe(10);
      expect(config.password.rounds).toBe(4);
    });

    it.each([
      ['true', true],
      ['TRUE', true],
      ['1', true],
      ['false', false],
      ['0', false],
    ])('coerces the boolean string %p to %p', (text, value) => {
      const config = load({
        password: { requireUppercase: !value },
        env: { LEX_AUTH__PASSWORD__REQUIRE_UPPERCASE: text },
      });

      expect(config.password.requireUppercase).toBe(value);
    });

    it('parses the login rate limit', () => {
      const config = load({ env: { LEX_AUTH__LOGIN_RATE_LIMIT: '20/hour' } });

      expect(config.loginRateLimit).toEqual({ limit: 20, ttlSeconds: 3600, text: '20/hour' });
    });

    it('reads banned patterns as a comma-separated list or a JSON array', () => {
      const listed = load({ env: { LEX_AUTH__PASSWORD__BANNED_PATTERNS: 'acme,^qwerty' } });
      const json = load({ env: { LEX_AUTH__PASSWORD__BANNED_PATTERNS: '["acme", "a{2,}"]' } });

      expect(listed.password.bannedPatterns).toEqual(['acme', '^qwerty']);
      expect(json.password.bannedPatterns).toEqual(['acme', 'a{2,}']);
    });

    it.each(['null', '~', ''])(
      'clears required_audience set by options when the env value is %p',
      (text) => {
        const config = load({
          token: { requiredAudience: 'api://orders' },
          env: { LEX_AUTH__TOKEN__REQUIRED_AUDIENCE: text },
        });

        expect(config.token.requiredAudience).toBeNull();
      },
    );

    it('uses LEX_AUTH__SECRET_KEY as the token secret when LEX_AUTH__TOKEN__SECRET_KEY is unset', () => {
      const config = load({ env: { LEX_AUTH__SECRET_KEY: STRONG_SECRET } });

      expect(config.token.secretKey).toBe(STRONG_SECRET);
    });

    it('prefers LEX_AUTH__TOKEN__SECRET_KEY over LEX_AUTH__SECRET_KEY', () => {
      const tokenSecret = 't'.repeat(40);
      const config = load({
        env: { LEX_AUTH__SECRET_KEY: STRONG_SECRET, LEX_AUTH__TOKEN__SECRET_KEY: tokenSecret },
      });

      expect(config.token.secretKey).toBe(tokenSecret);
      expect(config.secretKey).toBe(STRONG_SECRET);
    });

    it('takes the environment from NODE_ENV when LEX_ENV is unset', () => {
      expect(load({ env: { NODE_ENV: 'test' } }).environment).toBe('test');
    });

    it('lets LEX_ENV win over NODE_ENV', () => {
      expect(load({ env: { LEX_ENV: 'test', NODE_ENV: 'development' } }).environment).toBe('test');
    });

    it('falls back to NODE_ENV when LEX_ENV is set but empty, so production checks still run', () => {
      const error = configErrorOf(() => load({ env: { LEX_ENV: '', NODE_ENV: 'production' } }));

      expect(error.problems[0].message).toBe(DEFAULT_SECRET_IN('PRODUCTION'));
    });

    it('lets the environment variable override the environment given in options', () => {
      expect(load({ environment: 'staging', env: { LEX_ENV: 'test' } }).environment).toBe('test');
    });
  });

  describe('validation', () => {
    it('refuses an unknown LEX_AUTH__ variable, naming it', () => {
      const error = configErrorOf(() => load({ env: { LEX_AUTH__TOKEN__ISUER: 'typo' } }));

      expect(error.problems).toEqual([
        {
          variable: 'LEX_AUTH__TOKEN__ISUER',
          message: expect.stringContaining('is not a setting') as string,
        },
      ]);
      expect(error.message).toContain('LEX_AUTH__TOKEN__ISUER');
    });

    it('refuses an unknown top-level LEX_AUTH__ variable, naming it', () => {
      const error = configErrorOf(() => load({ env: { LEX_AUTH__SECRETKEY: STRONG_SECRET } }));

      expect(error.problems.map((p) => p.variable)).toEqual(['LEX_AUTH__SECRETKEY']);
    });

    it.each([
      ['LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS', 'thirty'],
      ['LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS', '0'],
      ['LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS', '1.5'],
      ['LEX_AUTH__TOKEN__LEEWAY_SECONDS', '301'],
      ['LEX_AUTH__TOKEN__ALGORITHM', 'none'],
      ['LEX_AUTH__MAX_FAILED_ATTEMPTS', '-1'],
      ['LEX_AUTH__LOGIN_RATE_LIMIT', '5/week'],
      ['LEX_AUTH__PASSWORD__ROUNDS', '3'],
      ['LEX_AUTH__PASSWORD__ALGORITHM', 'md5'],
      ['LEX_AUTH__PASSWORD__REQUIRE_DIGITS', 'yes'],
      ['LEX_AUTH__PASSWORD__BANNED_PATTERNS', '(unclosed'],
      ['LEX_AUTH__PASSWORD__BANNED_PATTERNS', '["unterminated json'],
      ['LEX_AUTH__STORE', 'mongo'],
      ['LEX_ENV', 'prod'],
    ])('names %s in the error for the invalid value %p', (variable, value) => {
      const error = configErrorOf(() => load({ env: { [variable]: value } }));

      expect(error.problems).toHaveLength(1);
      expect(error.problems[0].variable).toBe(variable);
      expect(error.message).toContain(variable);
    });

    it('says the invalid value came from the environment', () => {
      const error = configErrorOf(() =>
        load({ env: { LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS: 'x' } }),
      );

      expect(error.problems[0].message).toContain('value from env');
    });

    it('names the env variable for an invalid value given in options too', () => {
      const error = configErrorOf(() => load({ maxFailedAttempts: 0 }));

      expect(error.problems).toEqual([
        {
          variable: 'LEX_AUTH__MAX_FAILED_ATTEMPTS',
          message: expect.stringContaining('value from options') as string,
        },
      ]);
    });

    it('refuses a minimum password length above the maximum', () => {
      const error = configErrorOf(() => load({ password: { minLength: 20, maxLength: 16 } }));

      expect(error.problems.map((p) => p.variable)).toEqual(['LEX_AUTH__PASSWORD__MIN_LENGTH']);
    });

    it('reports every problem at once, not just the first', () => {
      const error = configErrorOf(() =>
        load({
          env: {
            LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS: 'soon',
            LEX_AUTH__LOGIN_RATE_LIMIT: 'lots',
            LEX_AUTH__NOT_A_SETTING: 'x',
          },
        }),
      );

      expect(error.problems.map((p) => p.variable).sort()).toEqual([
        'LEX_AUTH__LOGIN_RATE_LIMIT',
        'LEX_AUTH__NOT_A_SETTING',
        'LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS',
      ]);
      expect(error.message).toMatch(/^Invalid auth configuration \(3 problems\)/);
    });
  });

  describe('staging and production', () => {
    // A mail server, so each test here sees only the problem it is about.
    const load = (options: AuthModuleOptions = {}) =>
      loadAuthConfig({
        configFile: false,
        env: {},
        mail: { smtpUrl: 'smtps://mailer:pw@mail.example.com:465' },
        ...options,
      });

    describe('mail', () => {
      const deployed = { LEX_ENV: 'production', LEX_AUTH__TOKEN__SECRET_KEY: STRONG_SECRET };
      const bare = (env: Record<string, string>, options: AuthModuleOptions = {}) =>
        loadAuthConfig({ configFile: false, env: { ...deployed, ...env }, ...options });

      it('refuses to boot without SMTP_URL while reset or verification is on, naming both switches', () => {
        const error = configErrorOf(() => bare({}));

        expect(error.problems).toHaveLength(1);
        expect(error.problems[0].variable).toBe('SMTP_URL');
        expect(error.problems[0].message).toContain('password reset and email verification');
        expect(error.problems[0].message).toContain('LEX_AUTH__PASSWORD_RESET__ENABLED=false');
        expect(error.problems[0].message).toContain('LEX_AUTH__EMAIL_VERIFICATION__ENABLED=false');
      });

      it('names only the feature still on', () => {
        const error = configErrorOf(() => bare({ LEX_AUTH__PASSWORD_RESET__ENABLED: 'false' }));

        expect(error.problems[0].message).toContain('for email verification:');
        expect(error.problems[0].message).not.toContain('PASSWORD_RESET');
      });

      it('boots with SMTP_URL, with both features off, or with a mailer of the host', () => {
        expect(bare({ SMTP_URL: 'smtp://mail.internal:587' }).mail.smtpUrl).toBe(
          'smtp://mail.internal:587',
        );
        const off = {
          LEX_AUTH__PASSWORD_RESET__ENABLED: 'false',
          LEX_AUTH__EMAIL_VERIFICATION__ENABLED: 'false',
        };
        expect(bare(off).mail.smtpUrl).toBeNull();
        const mailer = { send: () => Promise.resolve() };
        expect(bare({}, { mailer }).isDeployed).toBe(true);
      });

      it('lets development and test use the outbox', () => {
        expect(loadAuthConfig({ configFile: false, env: {} }).mail.smtpUrl).toBeNull();
      });
    });

    it.each([
      ['production', 'PRODUCTION'],
      ['staging', 'STAGING'],
    ])('%s refuses the default secret, naming the variable to set', (environment, stage) => {
      const error = configErrorOf(() => load({ env: { LEX_ENV: environment } }));

      expect(error.problems).toEqual([
        { variable: 'LEX_AUTH__TOKEN__SECRET_KEY', message: DEFAULT_SECRET_IN(stage) },
      ]);
    });

    it('refuses the default secret even when it is passed explicitly as the token secret', () => {
      const error = configErrorOf(() =>
        load({ environment: 'production', token: { secretKey: DEFAULT_SECRET_KEY } }),
      );

      expect(error.problems[0].message).toBe(DEFAULT_SECRET_IN('PRODUCTION'));
    });

    it('refuses a 31-byte HS256 secret and says how to make one', () => {
      const error = configErrorOf(() =>
        load({ env: { LEX_ENV: 'production', LEX_AUTH__TOKEN__SECRET_KEY: 's'.repeat(31) } }),
      );

      expect(error.problems).toHaveLength(1);
      expect(error.problems[0].variable).toBe('LEX_AUTH__TOKEN__SECRET_KEY');
      expect(error.problems[0].message).toMatch(/^HS256 requires a secret of at least 32 bytes/);
      expect(error.problems[0].message).toContain('openssl rand');
    });

    it('accepts a 32-byte HS256 secret', () => {
      const config = load({
        env: { LEX_ENV: 'production', LEX_AUTH__TOKEN__SECRET_KEY: 's'.repeat(32) },
      });

      expect(config.environment).toBe('production');
      expect(config.isDeployed).toBe(true);
    });

    it('measures the secret in UTF-8 bytes, not characters', () => {
      // 11 × '€' is 11 characters but 33 bytes.
      const config = load({
        env: { LEX_ENV: 'staging', LEX_AUTH__TOKEN__SECRET_KEY: '€'.repeat(11) },
      });

      expect(config.token.secretKey).toBe('€'.repeat(11));
    });

    it('refuses an HS384 secret under 48 bytes and accepts one of 48', () => {
      const env = { LEX_ENV: 'production', LEX_AUTH__TOKEN__ALGORITHM: 'HS384' };
      const error = configErrorOf(() =>
        load({ env: { ...env, LEX_AUTH__TOKEN__SECRET_KEY: 's'.repeat(47) } }),
      );

      expect(error.problems[0].message).toMatch(/^HS384 requires a secret of at least 48 bytes/);
      expect(
        load({ env: { ...env, LEX_AUTH__TOKEN__SECRET_KEY: 's'.repeat(48) } }).token.algorithm,
      ).toBe('HS384');
    });

    it('refuses an HS512 secret under 64 bytes', () => {
      const error = configErrorOf(() =>
        load({
          environment: 'production',
          token: { algorithm: 'HS512', secretKey: 's'.repeat(63) },
        }),
      );

      expect(error.problems[0].message).toMatch(/^HS512 requires a secret of at least 64 bytes/);
    });

    it('refuses an asymmetric algorithm without its keys, naming both variables at once', () => {
      const error = configErrorOf(() =>
        load({ env: { LEX_ENV: 'production', LEX_AUTH__TOKEN__ALGORITHM: 'RS256' } }),
      );

      expect(error.problems.map((p) => p.variable)).toEqual([
        'LEX_AUTH__TOKEN__PRIVATE_KEY',
        'LEX_AUTH__TOKEN__PUBLIC_KEY',
      ]);
    });

    it('does not ask for an HMAC secret when the algorithm is asymmetric and both keys are set', () => {
      const config = load({
        environment: 'production',
        token: {
          algorithm: 'ES256',
          privateKey: '-----BEGIN PRIVATE KEY-----',
          publicKey: '-----BEGIN PUBLIC KEY-----',
        },
      });

      expect(config.token.algorithm).toBe('ES256');
    });

    it.each(['development', 'test'] as const)(
      '%s accepts the default secret and a short one',
      (environment) => {
        expect(load({ environment }).token.secretKey).toBe(DEFAULT_SECRET_KEY);
        expect(load({ environment, secretKey: 'short' }).token.secretKey).toBe('short');
        expect(load({ environment }).isDeployed).toBe(false);
      },
    );
  });
});

describe('configuration layers', () => {
  it('camelizeKeys turns snake_case YAML keys into camelCase at every level, leaving values alone', () => {
    const section = (
      parse(
        'auth:\n  token:\n    access_ttl_seconds: 60\n  password:\n    banned_patterns: [a_b]\n',
      ) as {
        auth: unknown;
      }
    ).auth;

    expect(camelizeKeys(section)).toEqual({
      token: { accessTtlSeconds: 60 },
      password: { bannedPatterns: ['a_b'] },
    });
  });

  it('mergeLayers lets later layers win leaf by leaf and records the winning layer', () => {
    const { merged, sources } = mergeLayers([
      ['default', { token: { issuer: 'd', leewaySeconds: 0 }, store: 'database' }],
      ['options', { token: { issuer: 'o' } }],
      ['yaml', { token: { issuer: 'y' }, store: 'memory' }],
      ['env', { store: 'redis' }],
    ]);

    expect(merged).toEqual({ token: { issuer: 'y', leewaySeconds: 0 }, store: 'redis' });
    expect(sources).toEqual({
      'token.issuer': 'yaml',
      'token.leewaySeconds': 'default',
      store: 'env',
    });
  });

  it('mergeLayers skips undefined but treats null as a value that clears', () => {
    const { merged, sources } = mergeLayers([
      ['default', { token: { audience: 'x', requiredAudience: 'y' } }],
      ['yaml', { token: { audience: undefined, requiredAudience: null } }],
    ]);

    expect(merged).toEqual({ token: { audience: 'x', requiredAudience: null } });
    expect(sources['token.requiredAudience']).toBe('yaml');
    expect(sources['token.audience']).toBe('default');
  });

  it('mergeLayers replaces arrays whole instead of merging them', () => {
    const { merged } = mergeLayers([
      ['options', { password: { bannedPatterns: ['a', 'b'] } }],
      ['env', { password: { bannedPatterns: ['c'] } }],
    ]);

    expect(merged).toEqual({ password: { bannedPatterns: ['c'] } });
  });

  it('envLayer nests LEX_AUTH__ variables by their double underscores and ignores other variables', () => {
    expect(
      envLayer({
        LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS: '60',
        LEX_AUTH__STORE: 'memory',
        LEX_AUTHX: 'ignored',
        PATH: '/usr/bin',
      }),
    ).toEqual({ token: { accessTtlSeconds: '60' }, store: 'memory' });
  });

  it('defaultLayer returns a fresh object each time, so no caller can change the defaults', () => {
    const first = defaultLayer() as { token: { issuer: string } };
    first.token.issuer = 'mutated';

    expect((defaultLayer() as { token: { issuer: string } }).token.issuer).toBe('lexigram-auth');
  });
});
