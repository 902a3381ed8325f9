import { AuthStoreUnavailableError } from '../../packages/nest-auth/src/errors/auth.errors';
import { MemoryMfaStore } from '../../packages/nest-auth/src/mfa/memory-mfa.store';
import type { MfaChallengeRecord, MfaStore } from '../../packages/nest-auth/src/mfa/mfa.store';
import { TypeOrmMfaStore } from '../../packages/nest-auth/src/mfa/typeorm-mfa.store';
import { accountStateBackends } from '../support/account-state-backends';
import { FakeClock } from '../support/fake-clock';
import { rejectionsOf } from '../support/rejection-of';
import { type BackendHandle, disconnect, openAnother, reopen } from '../support/store-backends';

const MFA_STORE_BACKENDS = accountStateBackends<MfaStore>(
  (clock) => new MemoryMfaStore(clock),
  (dataSource, clock) => new TypeOrmMfaStore(dataSource, clock),
);

const USER = 'user-1';
const hashOf = (n: number) => n.toString(16).padStart(64, '0');
const CODES = Array.from({ length: 10 }, (_, i) => hashOf(i + 1));
const RACERS = 20;

describe.each(MFA_STORE_BACKENDS)('MfaStore contract ($name)', (backend) => {
  let clock: FakeClock;
  let handle: BackendHandle<MfaStore>;
  let store: MfaStore;

  beforeEach(async () => {
    clock = new FakeClock();
    handle = await backend.create({ clock: clock.now });
    store = handle.subject;
  });

  afterEach(() => handle.close());

  const now = () => new Date(clock.now());
  const enabled = async (userId = USER, step = 100) => {
    await store.startEnrolment(userId, `sealed-${userId}`, now());
    await expect(store.enable(userId, `sealed-${userId}`, step, CODES, now())).resolves.toBe(true);
  };
  const challenge = (idHash = hashOf(999), ttlMs = 300_000): MfaChallengeRecord => ({
    idHash,
    userId: USER,
    clientHash: hashOf(7),
    expiresAt: new Date(clock.now() + ttlMs),
  });

  /** Runs `RACERS` calls, alternating between this instance and another on the same storage. */
  const race = async (call: (s: MfaStore) => Promise<boolean>, instances: MfaStore[]) =>
    (
      await Promise.all(
        Array.from({ length: RACERS }, (_, i) => call(instances[i % instances.length])),
      )
    ).filter(Boolean).length;

  describe('enrolment', () => {
    it('starts pending, restarts with a new secret, and cannot restart once enabled', async () => {
      await expect(store.findEnrolment(USER)).resolves.toBeNull();
      await expect(store.startEnrolment(USER, 'sealed-a', now())).resolves.toBe(true);
      await expect(store.findEnrolment(USER)).resolves.toEqual({
        userId: USER,
        sealedSecret: 'sealed-a',
        enabledAt: null,
        lastUsedStep: null,
      });
      await expect(store.startEnrolment(USER, 'sealed-b', now())).resolves.toBe(true);
      await expect(store.findEnrolment(USER)).resolves.toMatchObject({ sealedSecret: 'sealed-b' });

      await expect(store.enable(USER, 'sealed-b', 42, CODES, now())).resolves.toBe(true);
      await expect(store.startEnrolment(USER, 'sealed-c', now())).resolves.toBe(false);
      await expect(store.findEnrolment(USER)).resolves.toEqual({
        userId: USER,
        sealedSecret: 'sealed-b',
        enabledAt: now(),
        lastUsedStep: 42,
      });
      await expect(store.countRecoveryCodesLeft(USER)).resolves.toBe(10);
    });

    it('enables only the pending secret it was shown, and only once', async () => {
      await expect(store.enable(USER, 'sealed-a', 1, CODES, now())).resolves.toBe(false);
      await store.startEnrolment(USER, 'sealed-a', now());
      await store.startEnrolment(USER, 'sealed-b', now());
      await expect(store.enable(USER, 'sealed-a', 1, CODES, now())).resolves.toBe(false);
      await expect(store.enable(USER, 'sealed-b', 1, CODES, now())).resolves.toBe(true);
      await expect(store.enable(USER, 'sealed-b', 2, CODES, now())).resolves.toBe(false);
    });

    it('disable removes the enrolment, codes and challenges; a second disable finds nothing', async () => {
      await enabled();
      await store.createChallenge(challenge());
      await expect(store.disable(USER)).resolves.toBe(true);
      await expect(store.findEnrolment(USER)).resolves.toBeNull();
      await expect(store.countRecoveryCodesLeft(USER)).resolves.toBe(0);
      await expect(store.hasRecoveryCode(USER, CODES[0])).resolves.toBe(false);
      await expect(store.findChallenge(hashOf(999), now())).resolves.toBeNull();
      await expect(store.disable(USER)).resolves.toBe(false);
    });

    it('keeps users apart', async () => {
      await enabled('user-1');
      await expect(store.findEnrolment('user-2')).resolves.toBeNull();
      await expect(store.hasRecoveryCode('user-2', CODES[0])).resolves.toBe(false);
      await expect(store.consumeRecoveryCode('user-2', CODES[0], now())).resolves.toBe(false);
      await expect(store.consumeStep('user-2', 500)).resolves.toBe(false);
    });
  });

  describe('TOTP steps', () => {
    it('accepts only a step later than the last used one', async () => {
      await enabled(USER, 100);
      await expect(store.consumeStep(USER, 100)).resolves.toBe(false);
      await expect(store.consumeStep(USER, 99)).resolves.toBe(false);
      await expect(store.consumeStep(USER, 101)).resolves.toBe(true);
      await expect(store.consumeStep(USER, 101)).resolves.toBe(false);
      await expect(store.consumeStep(USER, 103)).resolves.toBe(true);
      await expect(store.consumeStep(USER, 102)).resolves.toBe(false);
      await expect(store.findEnrolment(USER)).resolves.toMatchObject({ lastUsedStep: 103 });
    });

    it('spends nothing on a pending enrolment', async () => {
      await store.startEnrolment(USER, 'sealed', now());
      await expect(store.consumeStep(USER, 5)).resolves.toBe(false);
    });

    it(`lets exactly one of ${RACERS} parallel uses of one step win`, async () => {
      await enabled(USER, 100);
      await expect(race((s) => s.consumeStep(USER, 101), [store])).resolves.toBe(1);
    });

    if (backend.shared) {
      it('lets exactly one use of one step win across two instances', async () => {
        await enabled(USER, 100);
        const instances = [store, await openAnother(handle)];
        await expect(race((s) => s.consumeStep(USER, 101), instances)).resolves.toBe(1);
      });
    }
  });

  describe('recovery codes', () => {
    it('spends a code once and counts what is left', async () => {
      await enabled();
      await expect(store.hasRecoveryCode(USER, CODES[3])).resolves.toBe(true);
      await expect(store.consumeRecoveryCode(USER, CODES[3], now())).resolves.toBe(true);
      await expect(store.consumeRecoveryCode(USER, CODES[3], now())).resolves.toBe(false);
      await expect(store.hasRecoveryCode(USER, CODES[3])).resolves.toBe(false);
      await expect(store.countRecoveryCodesLeft(USER)).resolves.toBe(9);
      await expect(store.consumeRecoveryCode(USER, hashOf(12345), now())).resolves.toBe(false);
    });

    it('replaces every code of an enabled enrolment, and none of a pending one', async () => {
      const fresh = [hashOf(500), hashOf(501)];
      await store.startEnrolment(USER, 'sealed', now());
      await expect(store.replaceRecoveryCodes(USER, fresh)).resolves.toBe(false);
      await store.enable(USER, 'sealed', 1, CODES, now());
      await store.consumeRecoveryCode(USER, CODES[0], now());
      await expect(store.replaceRecoveryCodes(USER, fresh)).resolves.toBe(true);
      await expect(store.hasRecoveryCode(USER, CODES[1])).resolves.toBe(false);
      await expect(store.countRecoveryCodesLeft(USER)).resolves.toBe(2);
      await expect(store.consumeRecoveryCode(USER, fresh[0], now())).resolves.toBe(true);
    });

    it('leaves no usable code when a disable races a regeneration', async () => {
      const fresh = [hashOf(600)];
      for (let round = 0; round < 5; round++) {
        await enabled();
        await Promise.all([store.replaceRecoveryCodes(USER, fresh), store.disable(USER)]);
        await expect(store.hasRecoveryCode(USER, fresh[0])).resolves.toBe(false);
        await expect(store.consumeRecoveryCode(USER, fresh[0], now())).resolves.toBe(false);
        await expect(store.countRecoveryCodesLeft(USER)).resolves.toBe(0);
      }
    });

    it(`lets exactly one of ${RACERS} parallel uses of one code win`, async () => {
      await enabled();
      await expect(
        race((s) => s.consumeRecoveryCode(USER, CODES[0], now()), [store]),
      ).resolves.toBe(1);
    });

    if (backend.shared) {
      it('lets exactly one use of one code win across two instances', async () => {
        await enabled();
        const instances = [store, await openAnother(handle)];
        await expect(
          race((s) => s.consumeRecoveryCode(USER, CODES[0], now()), instances),
        ).resolves.toBe(1);
        await expect(instances[1].countRecoveryCodesLeft(USER)).resolves.toBe(9);
      });
    }
  });

  describe('challenges', () => {
    it('finds a live challenge and spends it once', async () => {
      const record = challenge();
      await store.createChallenge(record);
      await expect(store.findChallenge(record.idHash, now())).resolves.toEqual(record);
      await expect(store.consumeChallenge(record.idHash, now())).resolves.toBe(true);
      await expect(store.consumeChallenge(record.idHash, now())).resolves.toBe(false);
      await expect(store.findChallenge(record.idHash, now())).resolves.toBeNull();
      await expect(store.consumeChallenge(hashOf(4242), now())).resolves.toBe(false);
    });

    it('lapses at its expiry', async () => {
      const record = challenge(hashOf(999), 60_000);
      await store.createChallenge(record);
      clock.advance(59_999);
      await expect(store.findChallenge(record.idHash, now())).resolves.not.toBeNull();
      clock.advance(1);
      await expect(store.findChallenge(record.idHash, now())).resolves.toBeNull();
      await expect(store.consumeChallenge(record.idHash, now())).resolves.toBe(false);
    });

    it(`lets exactly one of ${RACERS} parallel spends of one challenge win`, async () => {
      await store.createChallenge(challenge());
      await expect(race((s) => s.consumeChallenge(hashOf(999), now()), [store])).resolves.toBe(1);
    });

    if (backend.shared) {
      it('lets exactly one spend of one challenge win across two instances', async () => {
        await store.createChallenge(challenge());
        const instances = [store, await openAnother(handle)];
        await expect(race((s) => s.consumeChallenge(hashOf(999), now()), instances)).resolves.toBe(
          1,
        );
      });
    }

    it('purges spent and expired challenges, keeping live ones', async () => {
      await store.createChallenge(challenge(hashOf(1), 60_000));
      await store.createChallenge(challenge(hashOf(2), 600_000));
      await store.createChallenge(challenge(hashOf(3), 600_000));
      await store.consumeChallenge(hashOf(3), now());
      clock.advance(120_000);
      await store.purgeExpired(now());
      await expect(store.findChallenge(hashOf(2), now())).resolves.not.toBeNull();
      clock.advance(-120_000);
      await expect(store.findChallenge(hashOf(1), now())).resolves.toBeNull();
    });
  });

  if (backend.durable) {
    it('keeps enrolments, codes, steps and challenges across a restart', async () => {
      await enabled(USER, 100);
      await store.consumeRecoveryCode(USER, CODES[0], now());
      await store.createChallenge(challenge());

      const restarted = await reopen(handle);
      await expect(restarted.findEnrolment(USER)).resolves.toMatchObject({ lastUsedStep: 100 });
      await expect(restarted.consumeStep(USER, 100)).resolves.toBe(false);
      await expect(restarted.consumeRecoveryCode(USER, CODES[0], now())).resolves.toBe(false);
      await expect(restarted.countRecoveryCodesLeft(USER)).resolves.toBe(9);
      await expect(restarted.consumeChallenge(hashOf(999), now())).resolves.toBe(true);
    });

    it('fails closed with AuthStoreUnavailableError when the store is unreachable', async () => {
      await disconnect(handle);
      const errors = await rejectionsOf([
        store.findEnrolment(USER),
        store.startEnrolment(USER, 'sealed', now()),
        store.consumeStep(USER, 1),
        store.consumeRecoveryCode(USER, CODES[0], now()),
        store.findChallenge(hashOf(1), now()),
        store.consumeChallenge(hashOf(1), now()),
      ]);
      for (const error of errors) {
        expect(error).toBeInstanceOf(AuthStoreUnavailableError);
        expect(error).toMatchObject({ store: 'MFA store' });
      }
    });
  }
});
