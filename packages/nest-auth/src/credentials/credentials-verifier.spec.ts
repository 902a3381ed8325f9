import * as argon2 from 'argon2';
import * as bcryptjs from 'bcryptjs';
import {
  AccountLockedError,
  AuthStoreUnavailableError,
  InvalidCredentialsError,
  LoginAttemptsBusyError,
} from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { MemoryLoginAttemptTracker } from '../login-attempt-tracker/memory-login-attempt-tracker';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { AuthMetrics } from '../metrics/auth-metrics';
import { Argon2idPasswordHasher } from '../passwords/argon2id-password-hasher';
import { BcryptPasswordHasher } from '../passwords/bcrypt-password-hasher';
import { DelegatingPasswordHasher } from '../passwords/delegating-password-hasher';
import { MemoryUserStore } from '../user-store/memory-user-store';
import { CredentialsVerifier } from './credentials-verifier';

const EMAIL = 'alice@example.com';
const PASSWORD = 'correct horse battery staple';
const CHEAP_ARGON2 = { memoryKib: 1024, iterations: 1, parallelism: 1 };

function setUp(passwordHash: string, current: 'bcrypt' | 'argon2id') {
  const users = new MemoryUserStore([{ email: EMAIL, passwordHash }]);
  const bcrypt = new BcryptPasswordHasher(4);
  const argon2id = new Argon2idPasswordHasher(CHEAP_ARGON2);
  const hasher =
    current === 'argon2id'
      ? new DelegatingPasswordHasher(argon2id, [bcrypt])
      : new DelegatingPasswordHasher(bcrypt, [argon2id]);
  const log = new AuthDecisionLogger();
  const warn = jest.spyOn(log, 'warn').mockImplementation(() => undefined);
  const decision = jest.spyOn(log, 'decision').mockImplementation(() => undefined);
  const tracker = new MemoryLoginAttemptTracker({
    maxFailedAttempts: 5,
    lockoutDurationSeconds: 300,
  });
  const verifier = new CredentialsVerifier(users, tracker, hasher, new AuthMetrics(), log);
  const storedHash = async () => (await users.findByEmail(EMAIL))!.passwordHash;
  return { verifier, warn, decision, storedHash, users, tracker };
}

describe('CredentialsVerifier', () => {
  describe('transparent upgrade', () => {
    it('re-hashes a bcrypt-10 hash as argon2id on a successful login when argon2id is configured', async () => {
      const original = bcryptjs.hashSync(PASSWORD, 10);
      const { verifier, storedHash } = setUp(original, 'argon2id');

      await verifier.verify(EMAIL, PASSWORD);

      const upgraded = await storedHash();
      expect(upgraded).toMatch(/^\$argon2id\$v=19\$/);
      await expect(argon2.verify(upgraded, PASSWORD)).resolves.toBe(true);
      await expect(verifier.verify(EMAIL, PASSWORD)).resolves.toMatchObject({ email: EMAIL });
      expect(await storedHash()).toBe(upgraded);
    });

    it('re-hashes an argon2id hash as bcrypt when the configuration went back to bcrypt', async () => {
      const original = await new Argon2idPasswordHasher(CHEAP_ARGON2).hash(PASSWORD);
      const { verifier, storedHash } = setUp(original, 'bcrypt');

      await verifier.verify(EMAIL, PASSWORD);

      expect(await storedHash()).toMatch(/^\$2b\$04\$/);
    });

    it('keeps the argon2id hash of a password over 72 bytes when bcrypt is configured again', async () => {
      const long = '€'.repeat(30);
      const original = await new Argon2idPasswordHasher(CHEAP_ARGON2).hash(long);
      const { verifier, storedHash, warn, decision } = setUp(original, 'bcrypt');

      await expect(verifier.verify(EMAIL, long)).resolves.toMatchObject({ email: EMAIL });

      expect(await storedHash()).toBe(original);
      expect(warn).not.toHaveBeenCalled();
      expect(decision).toHaveBeenCalledWith(
        expect.objectContaining({ event: 'rehash', outcome: 'refused', reason: 'not_hashable' }),
      );
    });

    it('leaves the stored hash alone after a wrong password', async () => {
      const original = bcryptjs.hashSync(PASSWORD, 5);
      const { verifier, storedHash } = setUp(original, 'argon2id');

      await expect(verifier.verify(EMAIL, 'wrong password here')).rejects.toBeInstanceOf(
        InvalidCredentialsError,
      );

      expect(await storedHash()).toBe(original);
    });
  });

  describe('a stored hash no hasher reads', () => {
    const CORRUPT = '$2b$12$truncated-row-from-a-bad-import';

    it('fails closed with InvalidCredentialsError, even for the right password', async () => {
      const { verifier } = setUp(CORRUPT, 'bcrypt');

      await expect(verifier.verify(EMAIL, PASSWORD)).rejects.toBeInstanceOf(
        InvalidCredentialsError,
      );
    });

    it('logs a data problem at warn level naming the user, never the hash', async () => {
      const { verifier, warn, decision } = setUp(CORRUPT, 'bcrypt');

      await verifier.verify(EMAIL, PASSWORD).catch(() => undefined);

      expect(warn).toHaveBeenCalledTimes(1);
      const [message, fields] = warn.mock.calls[0];
      expect(message).toContain('no format this server reads');
      expect(fields).toMatchObject({
        reason: 'unreadable_hash',
        userId: expect.any(String) as string,
      });
      expect(JSON.stringify(warn.mock.calls)).not.toContain(CORRUPT);
      expect(decision).toHaveBeenCalledWith(
        expect.objectContaining({ outcome: 'failure', reason: 'unreadable_hash' }),
      );
    });

    it('does not log a data problem for a wrong password against a readable hash', async () => {
      const { verifier, warn, decision } = setUp(bcryptjs.hashSync(PASSWORD, 4), 'bcrypt');

      await verifier.verify(EMAIL, 'wrong password here').catch(() => undefined);

      expect(warn).not.toHaveBeenCalled();
      expect(decision).toHaveBeenCalledWith(expect.objectContaining({ reason: 'wrong_password' }));
    });
  });

  describe('the attempt reserved for a login', () => {
    const down = () => Promise.reject(new AuthStoreUnavailableError('user store'));

    it('is given back when the user store fails: six 503s, then the right password logs in', async () => {
      const t = setUp(bcryptjs.hashSync(PASSWORD, 4), 'bcrypt');
      const findByEmail = jest.spyOn(t.users, 'findByEmail').mockImplementation(down);

      for (let i = 0; i < 6; i += 1) {
        await expect(t.verifier.verify(EMAIL, PASSWORD)).rejects.toBeInstanceOf(
          AuthStoreUnavailableError,
        );
      }
      await expect(t.tracker.status(EMAIL)).resolves.toEqual({ attempts: 0, lockedUntil: null });
      findByEmail.mockRestore();
      await expect(t.verifier.verify(EMAIL, PASSWORD)).resolves.toMatchObject({ email: EMAIL });
    });

    it('is given back when reporting the success fails', async () => {
      const t = setUp(bcryptjs.hashSync(PASSWORD, 4), 'bcrypt');
      jest.spyOn(t.tracker, 'recordSuccess').mockImplementation(down);

      for (let i = 0; i < 6; i += 1) {
        await expect(t.verifier.verify(EMAIL, PASSWORD)).rejects.toBeInstanceOf(
          AuthStoreUnavailableError,
        );
      }
      await expect(t.tracker.status(EMAIL)).resolves.toEqual({ attempts: 0, lockedUntil: null });
    });

    it('still becomes a failure for a wrong password, and five lock the account', async () => {
      const t = setUp(bcryptjs.hashSync(PASSWORD, 4), 'bcrypt');

      for (let i = 0; i < 5; i += 1) {
        await expect(t.verifier.verify(EMAIL, 'wrong password here')).rejects.toBeInstanceOf(
          InvalidCredentialsError,
        );
      }
      await expect(t.verifier.verify(EMAIL, PASSWORD)).rejects.toBeInstanceOf(AccountLockedError);
    });
  });
  it('answers an unknown-user login 503 when the dummy hash fails, and makes a new one for the next', async () => {
    const { users, tracker } = setUp(bcryptjs.hashSync(PASSWORD, 4), 'bcrypt');
    const hasher = new BcryptPasswordHasher(4);
    const crashed = new AuthStoreUnavailableError('password hasher', new Error('exited'), 1);
    const hash = jest.spyOn(hasher, 'hash').mockRejectedValueOnce(crashed);
    const log = new AuthDecisionLogger();
    jest.spyOn(log, 'decision').mockImplementation(() => undefined);
    const verifier = new CredentialsVerifier(users, tracker, hasher, new AuthMetrics(), log);

    await expect(verifier.verify('nobody@example.com', PASSWORD)).rejects.toBe(crashed);
    await expect(verifier.verify('nobody@example.com', PASSWORD)).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    await expect(verifier.verify('nobody@example.com', PASSWORD)).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    expect(hash).toHaveBeenCalledTimes(2);
    jest.restoreAllMocks();
  });

  it('counts a login that found every attempt busy as busy, not as a store outage', async () => {
    const { users, tracker } = setUp(bcryptjs.hashSync(PASSWORD, 4), 'bcrypt');
    const metrics = new AuthMetrics();
    const events = AuthEventPublisher.none;
    const published = jest.spyOn(events, 'publish');
    const verifier = new CredentialsVerifier(
      users,
      tracker,
      new BcryptPasswordHasher(4),
      metrics,
      new AuthDecisionLogger(),
      events,
    );
    jest.spyOn(tracker, 'check').mockRejectedValue(new LoginAttemptsBusyError());
    // The wait for a free attempt is over at once.
    const now = Date.now();
    jest
      .spyOn(Date, 'now')
      .mockReturnValueOnce(now)
      .mockReturnValue(now + 60_000);

    await expect(verifier.verify(EMAIL, PASSWORD)).rejects.toBeInstanceOf(LoginAttemptsBusyError);

    expect(published).toHaveBeenCalledWith(expect.objectContaining({ reason: 'busy' }));
    const counted = (await metrics.logins.get()).values;
    expect(counted).toEqual([expect.objectContaining({ labels: { outcome: 'busy' }, value: 1 })]);
    jest.restoreAllMocks();
  });
});
