import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthPrincipal } from '../authenticator/auth-principal';
import { requireAccessToken } from '../authenticator/require-access-token';
import { AuthClock } from '../common/auth-clock';
import { PeriodicTask } from '../common/periodic-task';
import {
  AccountStateConflictError,
  AuthResourceNotFoundError,
  FeatureDisabledError,
  InsufficientPermissionsError,
  RequestValidationError,
} from '../errors/auth.errors';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { RolePermissions } from '../rbac/role-permissions';
import { AuthConfig } from '../settings/auth-config';
import { generateApiKey } from './api-key-format';
import type { CreateApiKeyRequest } from './api-key.schemas';
import { type ApiKeyRecord, ApiKeyStore } from './api-key-store';
import { type ApiKeyView, type CreatedApiKey, toApiKeyView } from './api-key-view';
import { ApiKeyOwners } from './api-key-owners';

const DAY_MS = 86_400_000;
// A prefix collision is rare (40 random bits); a few draws make a failure practically impossible.
const INSERT_ATTEMPTS = 5;
/**
 * How long a key that stopped working is kept: an expired one stays listed, so its owner sees why
 * it fails. Then it is deleted, so ended keys cannot pile up without limit.
 */
export const ENDED_KEY_RETENTION_MS = 7 * DAY_MS;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Creates, lists and revokes a user's API keys. */
@Injectable()
export class ApiKeyService implements OnApplicationShutdown {
  private readonly purge: PeriodicTask | null;

  constructor(
    private readonly store: ApiKeyStore,
    private readonly owners: ApiKeyOwners,
    private readonly permissions: RolePermissions,
    private readonly config: AuthConfig,
    private readonly clock: AuthClock,
    private readonly log: AuthDecisionLogger,
  ) {
    this.purge = config.apiKeys.enabled
      ? new PeriodicTask(ApiKeyService.name, () => this.purgeEnded())
      : null;
  }

  /**
   * Creates a key for the caller. Only a user's access token may: a key never mints keys. Every
   * scope must lie within the owner's current roles, so a key cannot grant more than its owner;
   * a key without scopes only proves who its owner is, so a user without roles may make one.
   * @throws FeatureDisabledError (404), InsufficientPermissionsError (403),
   *   RequestValidationError (400) for an expiry in the past, AccountStateConflictError (409)
   *   past `apiKeys.maxPerUser` live keys
   */
  async create(principal: AuthPrincipal, body: CreateApiKeyRequest): Promise<CreatedApiKey> {
    this.requireUserToken(principal);
    const user = await this.owners.require(principal.userId);
    const outside = body.scopes.filter((s) => !this.permissions.covers(user.roles, s));
    if (outside.length > 0) {
      throw new InsufficientPermissionsError(
        `Your roles do not grant these scopes, so a key cannot have them: ${outside.join(', ')}.`,
      );
    }
    const now = this.clock.now();
    const expiresAt = this.expiryOf(body, now);
    const scopes = [...new Set(body.scopes)];
    const created = await this.insert({ userId: user.id, name: body.name, scopes, expiresAt, now });
    this.log.decision({ event: 'api_key_create', outcome: 'success', userId: user.id });
    return created;
  }

  /** The caller's keys that are not revoked, without the keys themselves. */
  async list(principal: AuthPrincipal): Promise<ApiKeyView[]> {
    this.requireUserToken(principal);
    return (await this.store.listByUser(principal.userId)).map(toApiKeyView);
  }

  /**
   * Revokes one of the caller's keys; it stops working at once.
   * @throws AuthResourceNotFoundError (404) for an unknown, revoked or someone else's key
   */
  async revoke(principal: AuthPrincipal, id: string): Promise<void> {
    this.requireUserToken(principal);
    const revoked =
      UUID.test(id) && (await this.store.revoke(principal.userId, id, this.clock.now()));
    if (!revoked) throw new AuthResourceNotFoundError('No API key with this id belongs to you.');
    this.log.decision({ event: 'api_key_revoke', outcome: 'success', userId: principal.userId });
  }

  /**
   * Revokes every key of a user: for an administrator's "revoke this user". Logout-all and a
   * password change deliberately leave keys alone: keys are machine credentials with their own
   * lifecycle, and a password change must not break a deploy pipeline.
   * @returns how many keys were revoked
   */
  async revokeAllForUser(userId: string): Promise<number> {
    const count = await this.store.revokeAllForUser(userId, this.clock.now());
    this.log.decision({ event: 'api_key_revoke_all', outcome: 'success', userId });
    return count;
  }

  /** Deletes the keys that stopped working more than `ENDED_KEY_RETENTION_MS` ago. */
  async purgeEnded(): Promise<void> {
    await this.store.purge(this.clock.now() - ENDED_KEY_RETENTION_MS);
  }

  /** Stops the purge timer (Nest calls it on `app.close()`). */
  onApplicationShutdown(): void {
    this.purge?.stop();
  }

  private requireUserToken(principal: AuthPrincipal): void {
    if (!this.config.apiKeys.enabled) throw new FeatureDisabledError('API keys');
    requireAccessToken(principal, 'API keys');
  }

  private expiryOf(body: CreateApiKeyRequest, now: number): Date | null {
    if (body.expiresInDays !== undefined) return new Date(now + body.expiresInDays * DAY_MS);
    if (body.expiresAt === undefined) return null;
    const expiresAt = new Date(body.expiresAt);
    if (expiresAt.getTime() <= now) {
      throw new RequestValidationError('Invalid request body: expiresAt: must lie in the future.');
    }
    return expiresAt;
  }

  private async insert(input: {
    userId: string;
    name: string;
    scopes: string[];
    expiresAt: Date | null;
    now: number;
  }): Promise<CreatedApiKey> {
    const { maxPerUser } = this.config.apiKeys;
    for (let attempt = 0; attempt < INSERT_ATTEMPTS; attempt++) {
      const { key, prefix, hash } = generateApiKey();
      const record: ApiKeyRecord = {
        ...{ id: randomUUID(), userId: input.userId, name: input.name, prefix, hash },
        ...{ scopes: input.scopes, expiresAt: input.expiresAt, createdAt: new Date(input.now) },
        ...{ lastUsedAt: null, revokedAt: null },
      };
      const result = await this.store.insert(record, maxPerUser);
      if (result === 'inserted') return { ...toApiKeyView(record), key };
      if (result === 'limit_reached') {
        throw new AccountStateConflictError(
          `You already have ${maxPerUser} live API keys: revoke one first.`,
        );
      }
    }
    throw new AccountStateConflictError('Could not allocate an API key prefix; try again.');
  }
}
