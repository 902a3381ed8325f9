import { LoginAttempt } from './login-attempt.entity';
import { AuthSchema1763800000001 } from './migrations/1763800000001-auth-schema';
import { RevokedToken } from './revoked-token.entity';
import { UserRevocation } from './user-revocation.entity';

/** Entities of the auth tables; add them to the host's DataSource `entities`. */
export const AUTH_ENTITIES = [LoginAttempt, RevokedToken, UserRevocation];

/** Migrations of the auth tables, oldest first; add them to the host's DataSource `migrations`. */
export const AUTH_MIGRATIONS = [AuthSchema1763800000001];

export { LoginAttempt, RevokedToken, UserRevocation, AuthSchema1763800000001 };

// The TypeORM-backed stores live behind this entry point, so the main one never loads TypeORM.
export { TypeOrmLoginAttemptTracker } from '../login-attempt-tracker/typeorm-login-attempt-tracker';
export { TypeOrmTokenBlacklist } from '../token-blacklist/typeorm-token-blacklist';
