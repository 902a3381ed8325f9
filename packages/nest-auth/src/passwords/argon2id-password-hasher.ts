import type * as Argon2 from 'argon2';
import { ARGON2, missingDependency, requireOptional } from '../common/optional-dependency';
import { PasswordHasher } from './password-hasher';
import { normalizePassword } from './normalize-password';

/** argon2id cost parameters (RFC 9106). */
export interface Argon2Parameters {
  /** Memory per hash, in KiB. */
  memoryKib: number;
  /** Passes over the memory. */
  iterations: number;
  /** Lanes. */
  parallelism: number;
}

/** The OWASP Password Storage Cheat Sheet's first choice: 19 MiB, 2 iterations, 1 lane. */
export const OWASP_ARGON2ID: Readonly<Argon2Parameters> = {
  memoryKib: 19456,
  iterations: 2,
  parallelism: 1,
};

/** Argon2 version 1.3, the only one new hashes use. */
const VERSION = 0x13;

// A stored hash that asks for more than any configuration may is a corrupt or hostile row: it
// must not make a login allocate gigabytes.
const LIMITS = { m: 4194304, t: 100, p: 64 };

// PHC string format: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<digest> (parameters in any order).
const ARGON2_HASH =
  /^\$(argon2(?:id|i|d))\$v=(\d+)\$([a-z]+=[^$,]+(?:,[a-z]+=[^$,]+)*)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

interface ParsedArgon2Hash {
  type: string;
  version: number;
  m: number;
  t: number;
  p: number;
}

function parse(hash: string): ParsedArgon2Hash | null {
  const match = ARGON2_HASH.exec(hash);
  if (!match) return null;
  const params = new Map(match[3].split(',').map((kv) => kv.split('=') as [string, string]));
  const [m, t, p] = ['m', 't', 'p'].map((name) => {
    const value = params.get(name) ?? '';
    return /^\d+$/.test(value) ? Number(value) : NaN;
  });
  if (!(m >= 1 && m <= LIMITS.m && t >= 1 && t <= LIMITS.t && p >= 1 && p <= LIMITS.p)) return null;
  return { type: match[1], version: Number(match[2]), m, t, p };
}

// An optional peer: loaded at the first argon2 hash this process meets, or at boot when argon2id
// is the configured algorithm (`requireArgon2`), so a bcrypt-only host need not install it.
let argon2Package: typeof Argon2 | null | undefined;
function argon2OrNull(): typeof Argon2 | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  return (argon2Package ??= requireOptional(ARGON2, () => require('argon2') as typeof Argon2));
}

/** @throws AuthConfigurationError naming the package when `argon2` is not installed */
export function requireArgon2(): typeof Argon2 {
  const found = argon2OrNull();
  if (!found) throw missingDependency(ARGON2);
  return found;
}

/**
 * argon2id through the native `argon2` package, which hashes on libuv's thread pool, off the
 * event loop. Hashes are PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$…`); argon2i and argon2d
 * hashes made elsewhere verify too, and are re-hashed as argon2id.
 */
export class Argon2idPasswordHasher extends PasswordHasher {
  /** @param parameters the cost of new hashes @default OWASP_ARGON2ID */
  constructor(readonly parameters: Readonly<Argon2Parameters> = OWASP_ARGON2ID) {
    super();
  }

  hash(password: string): Promise<string> {
    const { memoryKib, iterations, parallelism } = this.parameters;
    const argon2 = requireArgon2();
    return argon2.hash(normalizePassword(password), {
      type: argon2.argon2id,
      memoryCost: memoryKib,
      timeCost: iterations,
      parallelism,
    });
  }

  async verify(password: string, hash: string): Promise<boolean> {
    if (!this.canVerify(hash)) return false;
    const argon2 = requireArgon2();
    try {
      return await argon2.verify(hash, normalizePassword(password));
    } catch {
      // A salt or digest argon2 cannot decode: the same as a hash that does not match.
      return false;
    }
  }

  needsRehash(hash: string): boolean {
    const parsed = parse(hash);
    const { memoryKib, iterations, parallelism } = this.parameters;
    return (
      !parsed ||
      parsed.type !== 'argon2id' ||
      parsed.version !== VERSION ||
      parsed.m !== memoryKib ||
      parsed.t !== iterations ||
      parsed.p !== parallelism
    );
  }

  /** A PHC argon2 string whose parameters are within bounds. */
  /** Without the `argon2` package an argon2 hash is one nothing here reads (a failed login). */
  override canVerify(hash: string): boolean {
    return parse(hash) !== null && argon2OrNull() !== null;
  }
}
