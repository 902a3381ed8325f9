import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import { checkAuthConfiguration } from './check-auth-configuration';
import { testKeyPair } from '../testing/test-key-pair';

const PRIVATE = 'LEX_AUTH__TOKEN__PRIVATE_KEY';
const PUBLIC = 'LEX_AUTH__TOKEN__PUBLIC_KEY';
const SMTP_IN_PRODUCTION = { SMTP_URL: 'smtp://mail.example.com:587' };

/** `variable: message` lines for the env, with no YAML file. */
const problemsFor = (env: Record<string, string>): string[] =>
  checkAuthConfiguration({ configFile: false, env }).map((p) => `${p.variable}: ${p.message}`);

const keyEnv = (algorithm: string, privateKey: string, publicKey: string) => ({
  LEX_AUTH__TOKEN__ALGORITHM: algorithm,
  [PRIVATE]: privateKey,
  [PUBLIC]: publicKey,
});

describe('checkAuthConfiguration', () => {
  afterEach(() => jest.restoreAllMocks());

  it('finds nothing wrong with a sound RS256 setup', () => {
    const pair = testKeyPair('RS256');
    expect(problemsFor(keyEnv('RS256', pair.privateKey, pair.publicKey))).toEqual([]);
  });

  it('lists a weak RSA key together with the production refusals, in one list', () => {
    const weak = testKeyPair('RS256', 1024);

    const problems = problemsFor({
      LEX_ENV: 'production',
      ...keyEnv('RS256', weak.privateKey, weak.publicKey),
    });

    expect(problems).toEqual([
      expect.stringMatching(/^SMTP_URL: PRODUCTION needs a mail server/),
      expect.stringMatching(
        new RegExp(`^${PRIVATE}: is a 1024-bit RSA key; RS256 needs at least 2048 bits`),
      ),
      expect.stringMatching(new RegExp(`^${PUBLIC}: is a 1024-bit RSA key`)),
    ]);
  });

  it('names a private key that is not the half of the public key', () => {
    const one = testKeyPair('RS256');
    const other = testKeyPair('RS256');

    expect(problemsFor(keyEnv('RS256', one.privateKey, other.publicKey))).toEqual([
      expect.stringMatching(new RegExp(`^${PRIVATE}: is not the private half of ${PUBLIC}`)),
    ]);
  });

  it('names a key on the wrong curve for ES256', () => {
    const p384 = generateKeyPairSync('ec', {
      namedCurve: 'P-384',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });

    expect(problemsFor(keyEnv('ES256', p384.privateKey, p384.publicKey))).toEqual([
      `${PRIVATE}: is an EC key on secp384r1; ES256 needs an EC key on P-256 (prime256v1). Make one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out private.pem && openssl pkey -in private.pem -pubout -out public.pem`,
      expect.stringMatching(new RegExp(`^${PUBLIC}: is an EC key on secp384r1`)),
    ]);
  });

  it('names PEM text that does not parse, a file that does not exist and one that cannot be read', () => {
    jest.spyOn(fs, 'existsSync').mockImplementation((path) => path === '/keys/locked.pem');
    jest.spyOn(fs, 'readFileSync').mockImplementation(() => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    });
    const garbled = '-----BEGIN PRIVATE KEY-----\\nbm90IGEga2V5\\n-----END PRIVATE KEY-----';

    expect(problemsFor(keyEnv('RS256', garbled, '/keys/missing.pem'))).toEqual([
      expect.stringMatching(new RegExp(`^${PRIVATE}: is not a readable PEM private key`)),
      `${PUBLIC}: is neither PEM text nor an existing file: /keys/missing.pem`,
    ]);
    expect(
      problemsFor(keyEnv('RS256', testKeyPair('RS256').privateKey, '/keys/locked.pem')),
    ).toEqual([`${PUBLIC}: names a file that cannot be read (EACCES): /keys/locked.pem`]);
  });

  it('reports a key production lacks once, not once per check', () => {
    const problems = problemsFor({
      LEX_ENV: 'production',
      ...SMTP_IN_PRODUCTION,
      LEX_AUTH__TOKEN__ALGORITHM: 'EdDSA',
    });

    expect(problems.map((p) => p.split(':')[0])).toEqual([PRIVATE, PUBLIC]);
  });

  it('returns the settings problems alone when the settings do not parse', () => {
    expect(problemsFor({ LEX_AUTH__TOKEN__ALGORITHM: 'RS999' })).toEqual([
      expect.stringMatching(/^LEX_AUTH__TOKEN__ALGORITHM: /),
    ]);
  });

  describe('passkeys', () => {
    const production = {
      LEX_ENV: 'production',
      LEX_AUTH__TOKEN__SECRET_KEY: 'x'.repeat(40),
      ...SMTP_IN_PRODUCTION,
    };
    const variables = (env: Record<string, string>, passkeys: boolean) =>
      checkAuthConfiguration({ configFile: false, env }, { passkeys }).map((p) => p.variable);

    it('asks for the rp_id and origins in production only where PasskeysModule is mounted', () => {
      expect(variables(production, false)).toEqual([]);
      expect(variables(production, true)).toEqual([
        'LEX_AUTH__PASSKEYS__RP_ID',
        'LEX_AUTH__PASSKEYS__ORIGINS',
      ]);
      expect(variables({ ...production, LEX_AUTH__PASSKEYS__ENABLED: 'false' }, true)).toEqual([]);
      expect(variables({}, true)).toEqual([]);
    });

    it('refuses localhost or a plain-http origin in production, mounted or not', () => {
      const env = {
        ...production,
        LEX_AUTH__PASSKEYS__RP_ID: 'localhost',
        LEX_AUTH__PASSKEYS__ORIGINS: 'http://localhost:3000',
      };
      expect(variables(env, false)).toEqual(['LEX_AUTH__PASSKEYS__RP_ID']);
      const site = { ...env, LEX_AUTH__PASSKEYS__RP_ID: 'example.com' };
      expect(variables(site, true)).toEqual(['LEX_AUTH__PASSKEYS__ORIGINS']);
    });
  });
});
