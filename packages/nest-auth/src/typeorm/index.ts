import { UserEntity } from './user.entity';
import { CreateUsers1763800000000 } from './migrations/1763800000000-create-users';
import { AddUserRolesAndVerification1763900000000 } from './migrations/1763900000000-add-user-roles-and-verification';
import { ApiKeyEntity } from '../api-keys/api-key.entity';
import { LoginAttempt } from '../login-attempt-tracker/login-attempt.entity';
import { AuthApiKeys1763900000104 } from './migrations/1763900000104-auth-api-keys';
import { AuthSchema1763800000001 } from './migrations/1763800000001-auth-schema';
import { RevokedToken } from '../token-blacklist/revoked-token.entity';
import { UserRevocation } from '../token-blacklist/user-revocation.entity';
import { AuthSession } from '../sessions/auth-session.entity';
import { AuthSessions1763900000101 } from './migrations/1763900000101-auth-sessions';
import { AuthMfa1763900000103 } from './migrations/1763900000103-auth-mfa';
import { MFA_ENTITIES } from '../mfa/mfa.entities';
import { OneTimeToken } from '../one-time-tokens/one-time-token.entity';
import { AuthOneTimeTokens1763900000102 } from './migrations/1763900000102-auth-one-time-tokens';
import { AuthPendingLoginAttempts1763900000110 } from './migrations/1763900000110-auth-pending-login-attempts';
import { AuthExternalIdentities1764000000301 } from './migrations/1764000000301-auth-external-identities';
import { AuthOidcLoginStates1764000000302 } from './migrations/1764000000302-auth-oidc-login-states';
import { ExternalIdentityEntity } from '../oidc/stores/external-identity.entity';
import { OidcLoginStateEntity } from '../oidc/stores/oidc-login-state.entity';
import { AuthPasskeys1764000000201 } from './migrations/1764000000201-auth-passkeys';
import { PASSKEY_ENTITIES } from '../passkeys/passkey.entities';

/**
 * A ready `users` table and its store, for a host without a user table of its own: add both
 * lists to the DataSource and pass `new TypeOrmUserStore(dataSource)` as `userStore`.
 */
export const AUTH_USER_ENTITIES = [UserEntity];
export const AUTH_USER_MIGRATIONS = [
  CreateUsers1763800000000,
  AddUserRolesAndVerification1763900000000,
];
export { UserEntity, CreateUsers1763800000000, AddUserRolesAndVerification1763900000000 };
export { TypeOrmUserStore } from './typeorm-user-store';
export { epochMsDateTransformer } from '../sql/epoch-ms-date.transformer';

/** Entities of the auth tables; add them to the host's DataSource `entities`. */
export const AUTH_ENTITIES = [
  LoginAttempt,
  RevokedToken,
  UserRevocation,
  AuthSession,
  ApiKeyEntity,
  ...MFA_ENTITIES,
  OneTimeToken,
  ExternalIdentityEntity,
  OidcLoginStateEntity,
  ...PASSKEY_ENTITIES,
];

/** Migrations of the auth tables, oldest first; add them to the host's DataSource `migrations`. */
export const AUTH_MIGRATIONS = [
  AuthSchema1763800000001,
  AuthSessions1763900000101,
  AuthOneTimeTokens1763900000102,
  AuthMfa1763900000103,
  AuthApiKeys1763900000104,
  AuthPendingLoginAttempts1763900000110,
  AuthExternalIdentities1764000000301,
  AuthOidcLoginStates1764000000302,
  AuthPasskeys1764000000201,
];

export { LoginAttempt, RevokedToken, UserRevocation, AuthSchema1763800000001 };

// The TypeORM-backed stores live behind this entry point, so the main one never loads TypeORM.
export { TypeOrmLoginAttemptTracker } from '../login-attempt-tracker/typeorm-login-attempt-tracker';
export { TypeOrmTokenBlacklist } from '../token-blacklist/typeorm-token-blacklist';
export { AuthSession, AuthSessions1763900000101 };
export { TypeOrmSessionStore } from '../sessions/typeorm-session-store';
export { ApiKeyEntity, AuthApiKeys1763900000104, AuthPendingLoginAttempts1763900000110 };
export { TypeOrmApiKeyStore } from '../api-keys/typeorm-api-key-store';
export { AuthMfa1763900000103 };
export { MfaTotpEntity, MfaRecoveryCodeEntity, MfaChallengeEntity } from '../mfa/mfa.entities';
export { TypeOrmMfaStore } from '../mfa/typeorm-mfa.store';
export { OneTimeToken, AuthOneTimeTokens1763900000102 };
export { TypeOrmOneTimeTokenStore } from '../one-time-tokens/typeorm-one-time-token-store';
export { ExternalIdentityEntity, OidcLoginStateEntity };
export { AuthExternalIdentities1764000000301, AuthOidcLoginStates1764000000302 };
export { TypeOrmExternalIdentityStore } from '../oidc/stores/typeorm-external-identity-store';
export { TypeOrmOidcLoginStateStore } from '../oidc/stores/typeorm-oidc-login-state-store';
export { AuthPasskeys1764000000201 };
export { PasskeyEntity, PasskeyChallengeEntity } from '../passkeys/passkey.entities';
export { TypeOrmPasskeyStore } from '../passkeys/typeorm-passkey-store';
