import type { DataSource } from 'typeorm';
import { LOGIN_ATTEMPTS_TABLE } from '../../packages/nest-auth/src/login-attempt-tracker/login-attempt.entity';
import { REVOKED_TOKENS_TABLE } from '../../packages/nest-auth/src/token-blacklist/revoked-token.entity';
import { USER_REVOCATIONS_TABLE } from '../../packages/nest-auth/src/token-blacklist/user-revocation.entity';
import { TypeOrmLoginAttemptTracker } from '../../packages/nest-auth/src/login-attempt-tracker/typeorm-login-attempt-tracker';
import { TypeOrmTokenBlacklist } from '../../packages/nest-auth/src/token-blacklist/typeorm-token-blacklist';
import { FakeClock } from '../support/fake-clock';
import { TYPEORM_DATABASES } from '../support/store-backends';
import type { TestDatabase } from '../support/test-database';

const HOUR_MS = 3_600_000;

/** The TypeORM stores keep their tables bounded: expired rows go, live ones stay. */
describe.each(TYPEORM_DATABASES)('TypeORM store purge ($name)', (kind) => {
  let clock: FakeClock;
  let db: TestDatabase;
  let dataSource: DataSource;
  const stores: { onApplicationShutdown(): void }[] = [];

  beforeEach(async () => {
    clock = new FakeClock();
    db = kind.create();
    dataSource = await db.open();
  });

  afterEach(async () => {
    for (const store of stores.splice(0)) store.onApplicationShutdown();
    await db.dispose();
  });

  async function keys(table: string, column: string): Promise<string[]> {
    const rows = await dataSource.query<{ k: string }[]>(
      `SELECT ${column} AS k FROM ${table} ORDER BY ${column}`,
    );
    return rows.map((row) => row.k);
  }

  it('deletes attempt windows that are over and keeps open windows and locks', async () => {
    const tracker = new TypeOrmLoginAttemptTracker(
      dataSource,
      { maxFailedAttempts: 2, lockoutDurationSeconds: 300 },
      clock.now,
    );
    stores.push(tracker);
    await tracker.check('spent@example.com');
    clock.advanceSeconds(200);
    await tracker.check('open@example.com');
    for (let i = 0; i < 2; i += 1) {
      await tracker.check('locked@example.com');
      await tracker.recordFailure('locked@example.com');
    }

    clock.advanceSeconds(150);
    await tracker.purgeExpired();
    expect(await keys(LOGIN_ATTEMPTS_TABLE, 'identifier')).toEqual([
      'locked@example.com',
      'open@example.com',
    ]);
    expect((await tracker.status('locked@example.com')).lockedUntil).not.toBeNull();

    clock.advanceSeconds(150);
    await tracker.purgeExpired();
    expect(await keys(LOGIN_ATTEMPTS_TABLE, 'identifier')).toEqual([]);
  });

  it('deletes revocations whose tokens have expired and keeps the others', async () => {
    const blacklist = new TypeOrmTokenBlacklist(dataSource, clock.now);
    stores.push(blacklist);
    const issuedAt = clock.now();
    await blacklist.revoke('jti-short', new Date(issuedAt + HOUR_MS));
    await blacklist.revoke('jti-long', new Date(issuedAt + 2 * HOUR_MS));
    await blacklist.revokeAllForUser('user-short', issuedAt, new Date(issuedAt + HOUR_MS));
    await blacklist.revokeAllForUser('user-long', issuedAt, new Date(issuedAt + 2 * HOUR_MS));

    clock.advance(HOUR_MS);
    await blacklist.purgeExpired();

    expect(await keys(REVOKED_TOKENS_TABLE, 'id')).toEqual(['jti-long']);
    expect(await keys(USER_REVOCATIONS_TABLE, 'user_id')).toEqual(['user-long']);
    await expect(
      blacklist.isRevoked({ ids: ['jti-long'], userId: 'user-long', issuedAtMs: issuedAt + 1 }),
    ).resolves.toBe(true);
    await expect(
      blacklist.isRevoked({ ids: ['jti-none'], userId: 'user-long', issuedAtMs: issuedAt }),
    ).resolves.toBe(true);
  });
});
