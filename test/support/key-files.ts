import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PemKeyPair } from '../../packages/nest-auth/src/testing';
import { makeTempDir } from './temp-dirs';

/**
 * Writes a key pair to a fresh temp folder (private key 0600), removed after the spec file;
 * returns the two file paths.
 */
export function writeKeyFiles(pair: PemKeyPair): PemKeyPair {
  const dir = makeTempDir('lex-auth-keys-');
  const privateKey = join(dir, 'private.pem');
  const publicKey = join(dir, 'public.pem');
  writeFileSync(privateKey, pair.privateKey, { mode: 0o600 });
  writeFileSync(publicKey, pair.publicKey);
  return { privateKey, publicKey };
}

/** Env for an app that signs with `pair` (PEM text or paths). */
export function keyEnv(algorithm: string, pair: PemKeyPair): Record<string, string> {
  return {
    LEX_AUTH__TOKEN__ALGORITHM: algorithm,
    LEX_AUTH__TOKEN__PRIVATE_KEY: pair.privateKey,
    LEX_AUTH__TOKEN__PUBLIC_KEY: pair.publicKey,
  };
}
