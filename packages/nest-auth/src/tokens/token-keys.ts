import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import type { JwtAlgorithm, TokenSettings } from '../settings/auth-settings';
import { AuthConfigurationError, type ConfigProblem } from '../settings/auth-configuration.error';
import { jwkThumbprint, publicJwkOf } from './jwk-thumbprint';
import { readKeyPem } from './read-key-pem';
import { keyMismatch, makeKeyHint } from './token-key-checks';
import { TokenKeyRing, type VerificationKey } from './token-key-ring';

const PRIVATE_KEY = 'LEX_AUTH__TOKEN__PRIVATE_KEY';
const PUBLIC_KEY = 'LEX_AUTH__TOKEN__PUBLIC_KEY';
const NEXT_PUBLIC_KEY = 'LEX_AUTH__TOKEN__NEXT_PUBLIC_KEY';
const PREVIOUS_KEYS = 'LEX_AUTH__TOKEN__PREVIOUS_KEYS';

/** One key setting to read: its value, which half it holds, and where it was set. */
interface KeySetting {
  value: string | null;
  kind: 'private' | 'public';
  variable: string;
  /** Prefix of messages about it, e.g. `[0].public_key ` for an item of previous_keys. */
  label?: string;
}

/**
 * Builds the key ring once at boot, as `KeyObject`s (verifying with a KeyObject avoids
 * re-importing a PEM on every call). For RS256/ES256/EdDSA every key is read (PEM text or file),
 * checked against the algorithm, and the private key against the public one; every problem is
 * reported at once, in any environment, since no token could be signed or verified otherwise.
 * @throws AuthConfigurationError listing every key problem
 */
export function loadTokenKeyRing(token: TokenSettings): TokenKeyRing {
  if (token.algorithm.startsWith('HS')) {
    const secret = createSecretKey(Buffer.from(token.secretKey, 'utf8'));
    const only: VerificationKey = { kid: undefined, key: secret, validUntilMs: null };
    return new TokenKeyRing(token.algorithm, { kid: undefined, key: secret }, [only]);
  }
  const problems: ConfigProblem[] = [];
  const read = (setting: KeySetting) => readKey(setting, token.algorithm, problems);
  const privateKey = read({ value: token.privateKey, kind: 'private', variable: PRIVATE_KEY });
  const publicKey = read({ value: token.publicKey, kind: 'public', variable: PUBLIC_KEY });
  const next = token.nextPublicKey
    ? read({ value: token.nextPublicKey, kind: 'public', variable: NEXT_PUBLIC_KEY })
    : undefined;
  const previous = token.previousKeys.map((p, i) =>
    read({
      value: p.publicKey,
      kind: 'public',
      variable: PREVIOUS_KEYS,
      label: `[${i}].public_key `,
    }),
  );
  if (privateKey && publicKey && thumbprintOf(privateKey) !== thumbprintOf(publicKey)) {
    problems.push({
      variable: PRIVATE_KEY,
      message: `is not the private half of ${PUBLIC_KEY}. Derive the public key from it: openssl pkey -in private.pem -pubout -out public.pem`,
    });
  }
  if (problems.length > 0 || !privateKey || !publicKey) throw new AuthConfigurationError(problems);

  const graceMs = token.keyRotationGraceSeconds * 1000;
  const entries: VerificationKey[] = [
    entryOf(publicKey, null),
    ...(next ? [entryOf(next, null)] : []),
    ...previous.map((key, i) => entryOf(key!, token.previousKeys[i].retiredAt.getTime() + graceMs)),
  ];
  refuseDuplicates(entries);
  return new TokenKeyRing(token.algorithm, { kid: entries[0].kid, key: privateKey }, entries);
}

/**
 * Every problem of the key settings, without throwing: what `loadTokenKeyRing` would refuse. For
 * the checks a host runs before it connects to anything (`checkAuthConfiguration`).
 */
export function tokenKeyProblems(token: TokenSettings): ConfigProblem[] {
  try {
    loadTokenKeyRing(token);
    return [];
  } catch (error) {
    if (error instanceof AuthConfigurationError) return error.problems;
    throw error;
  }
}

/** The PEM text of a key setting; a file that exists but cannot be read is a problem, not a crash. */
function pemOf(value: string, fail: (message: string) => undefined): string | undefined {
  try {
    return readKeyPem(value) ?? fail(`is neither PEM text nor an existing file: ${value}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return fail(`names a file that cannot be read (${code}): ${value}`);
  }
}

function readKey(setting: KeySetting, algorithm: JwtAlgorithm, problems: ConfigProblem[]) {
  const { value, kind, variable, label = '' } = setting;
  const fail = (message: string): undefined => {
    problems.push({ variable, message: label + message });
    return undefined;
  };
  if (!value) return fail(`${algorithm} needs a PEM ${kind} key (text or file path); none is set.`);
  const pem = pemOf(value, fail);
  if (pem === undefined) return undefined;
  if (kind === 'public' && pem.includes('PRIVATE KEY-----')) {
    return fail(
      'holds a private key; give only the public half (openssl pkey -in private.pem -pubout).',
    );
  }
  let key: KeyObject;
  try {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    return fail(
      `is not a readable PEM ${kind} key (unencrypted PKCS#8/SPKI). ${makeKeyHint(algorithm)}`,
    );
  }
  const mismatch = keyMismatch(key, algorithm);
  return mismatch ? fail(`${mismatch} ${makeKeyHint(algorithm)}`) : key;
}

const thumbprintOf = (key: KeyObject): string => jwkThumbprint(publicJwkOf(key));

function entryOf(key: KeyObject, validUntilMs: number | null): VerificationKey {
  const jwk = publicJwkOf(key);
  return { kid: jwkThumbprint(jwk), key, jwk, validUntilMs };
}

function refuseDuplicates(entries: VerificationKey[]): void {
  const seen = new Set<string | undefined>();
  for (const { kid } of entries) {
    if (seen.has(kid)) {
      throw new AuthConfigurationError([
        {
          variable: PREVIOUS_KEYS,
          message: `lists key ${kid} twice (or lists the current or next key); list each key once.`,
        },
      ]);
    }
    seen.add(kid);
  }
}
