import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { TokenSettings } from '../config/auth-settings';
import { AuthConfigurationError } from '../config/auth-configuration.error';

/** The keys tokens are signed and verified with. */
export interface TokenKeys {
  signing: KeyObject;
  verifying: KeyObject;
}

const pemOf = (value: string): string =>
  value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');

/**
 * Builds `KeyObject`s once at boot: jsonwebtoken verifies about 50× faster with a KeyObject than
 * with a string secret, which it would re-import on every call.
 * @throws AuthConfigurationError when an asymmetric algorithm lacks a readable key
 */
export function loadTokenKeys(token: TokenSettings): TokenKeys {
  if (token.algorithm.startsWith('HS')) {
    const secret = createSecretKey(Buffer.from(token.secretKey, 'utf8'));
    return { signing: secret, verifying: secret };
  }
  if (token.algorithm === 'EdDSA') {
    throw new AuthConfigurationError([
      {
        variable: 'LEX_AUTH__TOKEN__ALGORITHM',
        message: 'EdDSA is not supported by this release; use RS256 or ES256, or an HS* secret.',
      },
    ]);
  }
  const read = (value: string | null, variable: string): string => {
    if (!value || (!value.includes('-----BEGIN') && !existsSync(value))) {
      throw new AuthConfigurationError([
        {
          variable,
          message: `${token.algorithm} needs a PEM key (text or an existing file path).`,
        },
      ]);
    }
    return pemOf(value);
  };
  return {
    signing: createPrivateKey(read(token.privateKey, 'LEX_AUTH__TOKEN__PRIVATE_KEY')),
    verifying: createPublicKey(read(token.publicKey, 'LEX_AUTH__TOKEN__PUBLIC_KEY')),
  };
}
