import { AuthStoreUnavailableError } from '../../packages/nest-auth/src/errors/auth.errors';
import type { TokenBlacklist } from '../../packages/nest-auth/src/token-blacklist/token-blacklist';
import { rejectionsOf } from '../support/rejection-of';
import { FakeClock } from '../support/fake-clock';
import {
  type BackendHandle,
  disconnect,
  openAnother,
  reopen,
  TOKEN_BLACKLIST_BACKENDS,
} from '../support/store-backends';

const HOUR_MS = 3_600_000;

describe.each(TOKEN_BLACKLIST_BACKENDS)('TokenBlacklist contract ($name)', (backend) => {
  let clock: FakeClock;
  let handle: BackendHandle<TokenBlacklist>;
  let blacklist: TokenBlacklist;

  beforeEach(async () => {
    clock = new FakeClock();
    handle = await backend.create({ clock: clock.now });
    blacklist = handle.subject;
  });

  afterEach(() => handle.close());

  const inAnHour = (): Date => new Date(clock.now() + HOUR_MS);
  /** A token of `user` issued at `issuedAtMs`, carrying `ids`. */
  const token = (ids: string[], issuedAtMs = clock.now(), userId = 'user-1') => ({
    ids,
    userId,
    issuedAtMs,
  });

  describe('revoke', () => {
    it('returns true when it revokes an id and false when the id already was', async () => {
      await expect(blacklist.isRevoked(token(['jti-1']))).resolves.toBe(false);

      await expect(blacklist.revoke('jti-1', inAnHour())).resolves.toBe(true);
      await expect(blacklist.revoke('jti-1', inAnHour())).resolves.toBe(false);
      await expect(blacklist.isRevoked(token(['jti-1']))).resolves.toBe(true);
    });

    it('lets exactly one of 20 parallel revokes of one id win', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, () => blacklist.revoke('jti-1', inAnHour())),
      );

      expect(results.filter(Boolean)).toHaveLength(1);
    });

    if (backend.shared) {
      it('lets exactly one of 20 parallel revokes of one id from two instances win', async () => {
        const instances = [blacklist, await openAnother(handle)];

        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => instances[i % 2].revoke('jti-1', inAnHour())),
        );

        expect(results.filter(Boolean)).toHaveLength(1);
        await handle.settle?.();
        await expect(instances[1].isRevoked(token(['jti-1']))).resolves.toBe(true);
      });

      it('isRevokedNow sees a revocation made on another instance at once', async () => {
        const other = await openAnother(handle);
        const instant = clock.now();
        await blacklist.revoke('jti-1', inAnHour());
        await blacklist.revokeAllForUser('user-2', instant, inAnHour());

        await expect(other.isRevokedNow(token(['jti-1']))).resolves.toBe(true);
        await expect(other.isRevokedNow(token(['x'], instant, 'user-2'))).resolves.toBe(true);
        await expect(other.isRevokedNow(token(['x'], instant + 1, 'user-2'))).resolves.toBe(false);
      });

      it('holds a revocation made on one instance on another', async () => {
        const other = await openAnother(handle);
        const instant = clock.now();
        await blacklist.revoke('jti-1', inAnHour());
        await other.revokeAllForUser('user-1', instant, inAnHour());
        await handle.settle?.();

        for (const instance of [blacklist, other]) {
          await expect(instance.isRevoked(token(['jti-1'], instant + 1))).resolves.toBe(true);
          await expect(instance.isRevoked(token(['jti-2'], instant))).resolves.toBe(true);
          await expect(instance.isRevoked(token(['jti-2'], instant + 1))).resolves.toBe(false);
        }
        await expect(other.revoke('jti-1', inAnHour())).resolves.toBe(false);
      });
    }

    it('revokes a token when any one of its ids is revoked', async () => {
      await blacklist.revoke('session-1', inAnHour());

      await expect(blacklist.isRevoked(token(['jti-1', 'session-1']))).resolves.toBe(true);
      await expect(blacklist.isRevoked(token(['session-1', 'jti-2']))).resolves.toBe(true);
      await expect(blacklist.isRevoked(token(['jti-1', 'jti-2']))).resolves.toBe(false);
      await expect(blacklist.isRevoked(token([]))).resolves.toBe(false);
    });

    it('forgets a revocation at its expiry, after which the id can be revoked again', async () => {
      await blacklist.revoke('jti-1', inAnHour());

      clock.advance(HOUR_MS - 1);
      await expect(blacklist.isRevoked(token(['jti-1']))).resolves.toBe(true);
      await expect(blacklist.revoke('jti-1', inAnHour())).resolves.toBe(false);
      clock.advance(HOUR_MS);
      await expect(blacklist.isRevoked(token(['jti-1']))).resolves.toBe(false);
      await expect(blacklist.revoke('jti-1', inAnHour())).resolves.toBe(true);
      await expect(blacklist.isRevoked(token(['jti-1']))).resolves.toBe(true);
    });
  });

  describe('revokeAllForUser', () => {
    it('revokes the tokens issued at or before the instant, not the ones after', async () => {
      const before = clock.now();
      await blacklist.revokeAllForUser('user-1', before, inAnHour());

      await expect(blacklist.isRevoked(token(['a'], before - 60_000))).resolves.toBe(true);
      await expect(blacklist.isRevoked(token(['b'], before))).resolves.toBe(true);
      await expect(blacklist.isRevoked(token(['c'], before + 1))).resolves.toBe(false);
    });

    it('leaves other users alone', async () => {
      await blacklist.revokeAllForUser('user-1', clock.now(), inAnHour());

      await expect(blacklist.isRevoked(token(['a'], clock.now(), 'user-2'))).resolves.toBe(false);
    });

    it('never moves the instant back', async () => {
      const later = clock.now();
      await blacklist.revokeAllForUser('user-1', later, inAnHour());
      await blacklist.revokeAllForUser('user-1', later - 10_000, inAnHour());

      await expect(blacklist.isRevoked(token(['a'], later - 5_000))).resolves.toBe(true);
      await expect(blacklist.isRevoked(token(['b'], later))).resolves.toBe(true);
    });

    it('moves the instant forward', async () => {
      const first = clock.now();
      await blacklist.revokeAllForUser('user-1', first, inAnHour());
      await blacklist.revokeAllForUser('user-1', first + 10_000, inAnHour());

      await expect(blacklist.isRevoked(token(['a'], first + 10_000))).resolves.toBe(true);
      await expect(blacklist.isRevoked(token(['b'], first + 10_001))).resolves.toBe(false);
    });

    it('keeps the later expiry when a later instant comes with an earlier one', async () => {
      const issuedAt = clock.now();
      await blacklist.revokeAllForUser('user-1', issuedAt, new Date(issuedAt + 2 * HOUR_MS));
      await blacklist.revokeAllForUser('user-1', issuedAt + 1, new Date(issuedAt + HOUR_MS));

      clock.advance(HOUR_MS + 1);
      await expect(blacklist.isRevoked(token(['a'], issuedAt))).resolves.toBe(true);
    });

    it('lapses at its expiry', async () => {
      const issuedAt = clock.now();
      await blacklist.revokeAllForUser('user-1', issuedAt, inAnHour());

      clock.advance(HOUR_MS);
      await expect(blacklist.isRevoked(token(['a'], issuedAt))).resolves.toBe(false);
    });

    it('combines with id revocations in one answer', async () => {
      const instant = clock.now();
      await blacklist.revokeAllForUser('user-1', instant, inAnHour());
      await blacklist.revoke('jti-late', inAnHour());

      await expect(blacklist.isRevoked(token(['jti-late'], instant + 1))).resolves.toBe(true);
      await expect(blacklist.isRevoked(token(['jti-other'], instant + 1))).resolves.toBe(false);
    });
  });

  if (backend.durable) {
    it('keeps revocations across a restart', async () => {
      const instant = clock.now();
      await blacklist.revoke('jti-1', inAnHour());
      await blacklist.revokeAllForUser('user-1', instant, inAnHour());

      const restarted = await reopen(handle);
      // Right after the restart (a replica still loading asks the store), then once settled.
      for (const settled of [false, true]) {
        if (settled) await handle.settle?.();
        await expect(restarted.isRevoked(token(['jti-1'], instant + 1))).resolves.toBe(true);
        await expect(restarted.isRevoked(token(['jti-2'], instant))).resolves.toBe(true);
        await expect(restarted.isRevoked(token(['jti-2'], instant + 1))).resolves.toBe(false);
      }
      await expect(restarted.revoke('jti-1', inAnHour())).resolves.toBe(false);
    });

    it('fails closed with AuthStoreUnavailableError when the store is unreachable', async () => {
      await disconnect(handle);

      const errors = await rejectionsOf([
        blacklist.revoke('jti-1', inAnHour()),
        blacklist.revokeAllForUser('user-1', clock.now(), inAnHour()),
        blacklist.isRevoked(token(['jti-1'])),
      ]);
      for (const error of errors) {
        expect(error).toBeInstanceOf(AuthStoreUnavailableError);
        expect(error).toMatchObject({ store: 'token blacklist' });
      }
    });
  }
});
