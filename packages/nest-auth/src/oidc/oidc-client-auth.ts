import { createPrivateKey, webcrypto } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as oidc from 'openid-client';
import type { OidcProviderSettings } from '../settings/oidc-settings';

/** The library's token-endpoint authentication for the provider's `client_auth`. */
export async function clientAuthOf(p: OidcProviderSettings): Promise<oidc.ClientAuth> {
  switch (p.clientAuth) {
    case 'client_secret_post':
      return oidc.ClientSecretPost(p.clientSecret ?? undefined);
    case 'client_secret_basic':
      return oidc.ClientSecretBasic(p.clientSecret ?? undefined);
    case 'none':
      return oidc.None();
    case 'private_key_jwt': {
      const key = await importPrivateKey(p.privateKey ?? '');
      return oidc.PrivateKeyJwt(p.privateKeyId ? { key, kid: p.privateKeyId } : key);
    }
  }
}

/** A PKCS#8 PEM (text or path) as a WebCrypto signing key: RS256, ES256 or Ed25519. */
async function importPrivateKey(pemOrPath: string): Promise<webcrypto.CryptoKey> {
  const pem = pemOrPath.includes('-----BEGIN') ? pemOrPath : readPem(pemOrPath);
  const keyObject = createPrivateKey(pem);
  const der = keyObject.export({ format: 'der', type: 'pkcs8' });
  const algorithm =
    keyObject.asymmetricKeyType === 'rsa'
      ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      : keyObject.asymmetricKeyType === 'ec'
        ? { name: 'ECDSA', namedCurve: 'P-256' }
        : { name: 'Ed25519' };
  return webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
}

function readPem(path: string): string {
  if (!existsSync(path)) throw new Error(`oidc private_key: ${path} is neither a PEM nor a file`);
  return readFileSync(path, 'utf8');
}
