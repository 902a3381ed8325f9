import type { AuthPrincipal } from '../authenticator/auth-principal';
import {
  type AuthenticatableRequest,
  AuthenticatorProtocol,
} from '../authenticator/authenticator.protocol';
import { authorizationOf } from '../authenticator/bearer-token';
import type { Clock } from '../common/clock';
import { RequestValidationError } from '../errors/auth.errors';
import type { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { apiKeyMatches, lookupPrefixOf } from './api-key-format';
import type { ApiKeyRecord, ApiKeyStore } from './api-key-store';
import type { ApiKeyOwners } from './api-key-owners';
import { InvalidApiKeyError } from './invalid-api-key.error';

/** `Authorization: ApiKey <key>`; the scheme is case-insensitive (RFC 7235). */
const API_KEY_SCHEME = /^apikey +(\S+) *$/i;
// Compared against when the prefix is unknown, so that answer costs the same hash and compare.
const NO_HASH = '0'.repeat(64);
/** `lastUsedAt` is written at most this often per key. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/** A key without expiry reports this as the principal's `expiresAt`. */
export const NO_EXPIRY = new Date('9999-12-31T23:59:59.999Z');

/**
 * Authenticates `Authorization: ApiKey <key>` or `X-API-Key: <key>`. The principal has the key's
 * scopes and the owner's current roles: `sessionId` is `apikey:<id>`, `tokenId` the key id,
 * `issuedAtMs` its creation and `expiresAt` its expiry (or NO_EXPIRY).
 */
export class ApiKeyAuthenticator extends AuthenticatorProtocol {
  constructor(
    private readonly store: ApiKeyStore,
    private readonly owners: ApiKeyOwners,
    private readonly clock: Clock,
    private readonly log: AuthDecisionLogger,
  ) {
    super();
  }

  /**
   * @returns null when the request carries no API key
   * @throws InvalidApiKeyError (401); RequestValidationError (400) for two credentials at once;
   *   AuthStoreUnavailableError (503)
   */
  async authenticate(request: AuthenticatableRequest): Promise<AuthPrincipal | null> {
    const key = keyOf(request);
    if (key === null) return null;
    const record = await this.check(key);
    const owner = await this.owners.find(record.userId);
    if (!owner) throw new InvalidApiKeyError('api_key_owner_gone');
    await this.recordUse(record);
    return {
      userId: owner.id,
      method: 'api_key',
      roles: [...owner.roles],
      scopes: record.scopes,
      sessionId: `apikey:${record.id}`,
      tokenId: record.id,
      issuedAtMs: record.createdAt.getTime(),
      expiresAt: record.expiresAt ?? NO_EXPIRY,
    };
  }

  /** The key's record, when the key matches it and it is neither revoked nor expired. */
  private async check(key: string): Promise<ApiKeyRecord> {
    const prefix = lookupPrefixOf(key);
    if (prefix === null) throw new InvalidApiKeyError('api_key_malformed');
    const record = await this.store.findByPrefix(prefix);
    // Only a holder of the whole key learns whether it was revoked or expired.
    if (!apiKeyMatches(key, record?.hash ?? NO_HASH) || !record) {
      throw new InvalidApiKeyError('api_key_unknown');
    }
    if (record.revokedAt) throw new InvalidApiKeyError('api_key_revoked');
    if (record.expiresAt && record.expiresAt.getTime() <= this.clock()) {
      throw new InvalidApiKeyError('api_key_expired');
    }
    return record;
  }

  /** Bookkeeping: a failed write must not refuse a request the key was good for. */
  private async recordUse(record: ApiKeyRecord): Promise<void> {
    const now = this.clock();
    if (record.lastUsedAt && record.lastUsedAt.getTime() > now - LAST_USED_RESOLUTION_MS) return;
    try {
      await this.store.recordUse(record.id, now, LAST_USED_RESOLUTION_MS);
    } catch (error) {
      this.log.error('Could not record an API key use', error);
    }
  }
}

/** The presented key, or null when there is none. */
function keyOf(request: AuthenticatableRequest): string | null {
  const header = request.headers['x-api-key'];
  const authorization = authorizationOf(request);
  if (Array.isArray(authorization)) throw ambiguous();
  if (header !== undefined) {
    if (authorization !== undefined || typeof header !== 'string') throw ambiguous();
    return header.trim();
  }
  if (typeof authorization !== 'string') return null;
  const match = API_KEY_SCHEME.exec(authorization);
  // `ApiKey` with nothing usable after it is a malformed key, not an absent one.
  if (!match) return /^apikey\b/i.test(authorization) ? '' : null;
  return match[1];
}

/** RFC 6750 §3.1: more than one way of sending credentials is a bad request. */
function ambiguous(): RequestValidationError {
  return new RequestValidationError(
    'Send one credential: Authorization (Bearer or ApiKey) or X-API-Key, not both.',
  );
}
