import { loadAuthConfig } from './load-auth-config';
import { placeholderSecretWarning } from './placeholder-secret-warning';
import { testKeyPair } from '../testing/test-key-pair';

const STRONG = 'a'.repeat(64);
const warningFor = (env: Record<string, string>) =>
  placeholderSecretWarning(loadAuthConfig({ configFile: false, env }));

describe('placeholderSecretWarning', () => {
  it('warns in development when LEX_ENV is unset, naming both variables and how to make a secret', () => {
    const warning = warningFor({});

    expect(warning).toContain('SECURITY WARNING');
    expect(warning).toContain('signs tokens and encrypts MFA secrets');
    expect(warning).toContain('LEX_AUTH__SECRET_KEY / LEX_AUTH__TOKEN__SECRET_KEY not set');
    expect(warning).toContain('openssl rand -hex 32');
  });

  it('stays quiet once a secret is set, and in the test environment', () => {
    expect(warningFor({ LEX_AUTH__SECRET_KEY: STRONG })).toBeNull();
    expect(warningFor({ LEX_ENV: 'test' })).toBeNull();
    expect(warningFor({ NODE_ENV: 'test' })).toBeNull();
  });

  it('still warns when only the token secret is set: the MFA cipher uses the shared one', () => {
    expect(warningFor({ LEX_AUTH__TOKEN__SECRET_KEY: STRONG })).toContain(
      'this server encrypts MFA secrets with the public development placeholder',
    );
  });

  it('stays quiet with a key pair signing and the shared secret set', () => {
    const pair = testKeyPair('EdDSA');
    const warning = warningFor({
      LEX_AUTH__TOKEN__ALGORITHM: 'EdDSA',
      LEX_AUTH__TOKEN__PRIVATE_KEY: pair.privateKey,
      LEX_AUTH__TOKEN__PUBLIC_KEY: pair.publicKey,
      LEX_AUTH__SECRET_KEY: STRONG,
    });
    expect(warning).toBeNull();
  });
});
