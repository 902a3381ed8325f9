import { createHash, randomBytes } from 'node:crypto';

/**
 * `state`: a started sign-in, keyed by its `state` parameter; `login_code`: a finished one,
 * waiting for the front end to exchange its code for tokens.
 */
export type OidcLoginStateKind = 'state' | 'login_code';

/** What a record carries. `data` holds the PKCE verifier, nonce and target of a sign-in. */
export interface OidcLoginStateRecord {
  kind: OidcLoginStateKind;
  providerId: string;
  /** The signed-in user (a link flow, or the user a login code logs in); null otherwise. */
  userId: string | null;
  data: Record<string, string>;
  expiresAt: Date;
}

const KEY_BYTES = 32;
const KEY_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** SHA-256 hex: the keys have 256 bits of entropy, so a plain hash suffices. */
export function hashLoginStateKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Short-lived, single-use records of the sign-in flow, stored by the SHA-256 of their key: a
 * leaked table gives neither a usable `state` nor a login code. `consume` is one atomic
 * check-and-spend: of concurrent calls with one key, exactly one gets the record.
 */
export abstract class OidcLoginStateStore {
  /** @returns the key (base64url, 43 characters); the store keeps only its hash */
  async issue(
    record: Omit<OidcLoginStateRecord, 'expiresAt'>,
    ttlSeconds: number,
  ): Promise<string> {
    const key = randomBytes(KEY_BYTES).toString('base64url');
    await this.insertHash(hashLoginStateKey(key), record, ttlSeconds * 1000);
    return key;
  }

  /** Spends the key. Null when unknown, expired, of another kind or already spent. */
  consume(key: string, kind: OidcLoginStateKind): Promise<OidcLoginStateRecord | null> {
    if (!KEY_SHAPE.test(key)) return Promise.resolve(null);
    return this.consumeHash(hashLoginStateKey(key), kind);
  }

  /** Deletes expired and spent records. */
  abstract purgeExpired(): Promise<void>;
  /** Stores a live record by its key's hash, expiring `ttlMs` from the store's now. */
  protected abstract insertHash(
    hash: string,
    record: Omit<OidcLoginStateRecord, 'expiresAt'>,
    ttlMs: number,
  ): Promise<void>;
  /** `consume` by hash: must be one atomic check-and-spend. */
  protected abstract consumeHash(
    hash: string,
    kind: OidcLoginStateKind,
  ): Promise<OidcLoginStateRecord | null>;
}
