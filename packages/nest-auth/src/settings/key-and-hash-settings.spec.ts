import fs from 'node:fs';
import type { AuthModuleOptions } from '../options/auth-module-options';
import { AuthConfigurationError, type ConfigProblem } from './auth-configuration.error';
import { loadAuthConfig } from './load-auth-config';

const load = (options: AuthModuleOptions = {}) =>
  loadAuthConfig({ configFile: false, env: {}, ...options });

function problemsOf(run: () => unknown): ConfigProblem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthConfigurationError);
    return (error as AuthConfigurationError).problems;
  }
  throw new Error('Expected an AuthConfigurationError, but nothing was thrown');
}

const ASYMMETRIC = { LEX_AUTH__TOKEN__ALGORITHM: 'EdDSA' };
const RETIRED = '2025-06-01T12:00:00Z';

describe('key rotation settings', () => {
  it('reads LEX_AUTH__TOKEN__PREVIOUS_KEYS as a JSON array with snake_case keys', () => {
    const config = load({
      env: {
        ...ASYMMETRIC,
        LEX_AUTH__TOKEN__PREVIOUS_KEYS: JSON.stringify([
          { public_key: '/etc/lex/2025-01.pub.pem', retired_at: RETIRED },
        ]),
        LEX_AUTH__TOKEN__KEY_ROTATION_GRACE_SECONDS: '7200',
      },
    });

    expect(config.token.previousKeys).toEqual([
      { publicKey: '/etc/lex/2025-01.pub.pem', retiredAt: new Date(RETIRED) },
    ]);
    expect(config.token.keyRotationGraceSeconds).toBe(7200);
  });

  it('reads previous_keys from YAML, and takes Dates from code', () => {
    const path = '/virtual/keys.yaml';
    jest.spyOn(fs, 'existsSync').mockImplementation((p) => p === path);
    const yaml = [
      'auth:',
      '  token:',
      '    algorithm: ES256',
      '    next_public_key: /etc/lex/next.pub.pem',
      '    previous_keys:',
      '      - public_key: /etc/lex/old.pub.pem',
      `        retired_at: ${RETIRED}`,
    ].join('\n');
    jest.spyOn(fs, 'readFileSync').mockReturnValue(yaml);
    try {
      const fromYaml = load({ configFile: path });
      expect(fromYaml.token.nextPublicKey).toBe('/etc/lex/next.pub.pem');
      expect(fromYaml.token.previousKeys).toEqual([
        { publicKey: '/etc/lex/old.pub.pem', retiredAt: new Date(RETIRED) },
      ]);
    } finally {
      jest.restoreAllMocks();
    }

    const fromCode = load({
      token: {
        algorithm: 'RS256',
        previousKeys: [{ publicKey: 'x.pem', retiredAt: new Date(RETIRED) }],
      },
    });
    expect(fromCode.token.previousKeys[0].retiredAt).toEqual(new Date(RETIRED));
  });

  it.each([
    [
      'a date-time without a zone',
      [{ public_key: 'k.pem', retired_at: '2025-06-01T12:00:00' }],
      '[0].retired_at: expected an ISO 8601 date-time',
    ],
    [
      'no date at all',
      [{ public_key: 'k.pem', retired_at: 'yesterday' }],
      '[0].retired_at: expected an ISO 8601',
    ],
    ['a missing public key', [{ retired_at: RETIRED }], '[0].public_key:'],
    [
      'an unknown field',
      [{ public_key: 'k.pem', retired_at: RETIRED, kid: 'x' }],
      'is not a setting',
    ],
    ['an object instead of a list', { public_key: 'k.pem' }, 'expected a JSON array'],
  ])('names LEX_AUTH__TOKEN__PREVIOUS_KEYS for %s', (_what, value, message) => {
    const problems = problemsOf(() =>
      load({ env: { ...ASYMMETRIC, LEX_AUTH__TOKEN__PREVIOUS_KEYS: JSON.stringify(value) } }),
    );

    expect(problems).toEqual([
      {
        variable: 'LEX_AUTH__TOKEN__PREVIOUS_KEYS',
        message: expect.stringContaining(message) as string,
      },
    ]);
  });

  it('refuses JSON that does not parse, naming the variable', () => {
    const problems = problemsOf(() =>
      load({ env: { ...ASYMMETRIC, LEX_AUTH__TOKEN__PREVIOUS_KEYS: '[{"public_key": ' } }),
    );

    expect(problems.map((p) => p.variable)).toEqual(['LEX_AUTH__TOKEN__PREVIOUS_KEYS']);
  });

  it('treats an empty LEX_AUTH__TOKEN__PREVIOUS_KEYS as no previous keys', () => {
    expect(
      load({ env: { ...ASYMMETRIC, LEX_AUTH__TOKEN__PREVIOUS_KEYS: '' } }).token.previousKeys,
    ).toEqual([]);
  });

  it('refuses previous or next public keys with an HS* algorithm, which has no public key', () => {
    const problems = problemsOf(() =>
      load({
        env: {
          LEX_AUTH__TOKEN__PREVIOUS_KEYS: JSON.stringify([
            { public_key: 'k.pem', retired_at: RETIRED },
          ]),
          LEX_AUTH__TOKEN__NEXT_PUBLIC_KEY: 'next.pem',
        },
      }),
    );

    expect(problems.map((p) => p.variable)).toEqual([
      'LEX_AUTH__TOKEN__PREVIOUS_KEYS',
      'LEX_AUTH__TOKEN__NEXT_PUBLIC_KEY',
    ]);
    expect(problems[0].message).toContain('HS256 signs with a shared secret');
  });

  it('refuses a negative grace period', () => {
    const problems = problemsOf(() =>
      load({ env: { LEX_AUTH__TOKEN__KEY_ROTATION_GRACE_SECONDS: '-1' } }),
    );

    expect(problems.map((p) => p.variable)).toEqual([
      'LEX_AUTH__TOKEN__KEY_ROTATION_GRACE_SECONDS',
    ]);
  });
});

describe('argon2id settings', () => {
  it('reads the algorithm and the argon2 parameters from the environment', () => {
    const { password } = load({
      env: {
        LEX_AUTH__PASSWORD__ALGORITHM: 'argon2id',
        LEX_AUTH__PASSWORD__ARGON2_MEMORY_KIB: '65536',
        LEX_AUTH__PASSWORD__ARGON2_ITERATIONS: '3',
        LEX_AUTH__PASSWORD__ARGON2_PARALLELISM: '4',
      },
    });

    expect(password).toMatchObject({
      algorithm: 'argon2id',
      argon2MemoryKib: 65536,
      argon2Iterations: 3,
      argon2Parallelism: 4,
    });
  });

  it.each([
    ['LEX_AUTH__PASSWORD__ARGON2_MEMORY_KIB', '512'],
    ['LEX_AUTH__PASSWORD__ARGON2_MEMORY_KIB', '8388608'],
    ['LEX_AUTH__PASSWORD__ARGON2_ITERATIONS', '0'],
    ['LEX_AUTH__PASSWORD__ARGON2_PARALLELISM', '65'],
  ])('names %s for the out-of-range value %p', (variable, value) => {
    expect(problemsOf(() => load({ env: { [variable]: value } })).map((p) => p.variable)).toEqual([
      variable,
    ]);
  });
});
