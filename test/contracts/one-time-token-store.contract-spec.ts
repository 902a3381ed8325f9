import { AuthStoreUnavailableError } from '../../packages/nest-auth/src/errors/auth.errors';
import {
  hashOneTimeToken,
  type OneTimeTokenStore,
} from '../../packages/nest-auth/src/one-time-tokens/one-time-token-store';
import { FakeClock } from '../support/fake-clock';
import { ONE_TIME_TOKEN_STORE_BACKENDS } from '../support/one-time-token-backends';
import { rejectionsOf } from '../support/rejection-of';
import { type BackendHandle, disconnect, openAnother, reopen } from '../support/store-backends';

const HOUR_S = 3600;

describe.each(ONE_TIME_TOKEN_STORE_BACKENDS)('OneTimeTokenStore contract ($name)', (backend) => {
  let clock: FakeClock;
  let handle: BackendHandle<OneTimeTokenStore>;
  let store: OneTimeTokenStore;

  beforeEach(async () => {
    clock = new FakeClock();
    handle = await backend.create({ clock: clock.now });
    store = handle.subject;
  });

  afterEach(() => handle.close());

  it('issues 256-bit base64url tokens, each different', async () => {
    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => store.issue('user-1', 'password_reset', HOUR_S)),
    );
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(5);
  });

  it('peeks without spending, then consumes exactly once', async () => {
    const token = await store.issue('user-1', 'password_reset', HOUR_S);
    const expected = {
      userId: 'user-1',
      purpose: 'password_reset',
      expiresAt: new Date(clock.now() + HOUR_S * 1000),
    };

    await expect(store.peek(token, 'password_reset')).resolves.toEqual(expected);
    await expect(store.peek(token, 'password_reset')).resolves.toEqual(expected);
    await expect(store.consume(token, 'password_reset')).resolves.toEqual(expected);
    await expect(store.consume(token, 'password_reset')).resolves.toBeNull();
    await expect(store.peek(token, 'password_reset')).resolves.toBeNull();
  });

  it('never accepts a token for the other purpose', async () => {
    const token = await store.issue('user-1', 'email_verification', HOUR_S);

    await expect(store.peek(token, 'password_reset')).resolves.toBeNull();
    await expect(store.consume(token, 'password_reset')).resolves.toBeNull();
    await expect(store.consume(token, 'email_verification')).resolves.not.toBeNull();
  });

  it('refuses unknown, tampered and malformed tokens', async () => {
    const token = await store.issue('user-1', 'password_reset', HOUR_S);
    const tampered = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);

    for (const bad of [tampered, '', 'x', token + 'A', hashOneTimeToken(token), "' OR 1=1 --"]) {
      await expect(store.peek(bad, 'password_reset')).resolves.toBeNull();
      await expect(store.consume(bad, 'password_reset')).resolves.toBeNull();
    }
    await expect(store.consume(token, 'password_reset')).resolves.not.toBeNull();
  });

  it('expires a token at its ttl', async () => {
    const token = await store.issue('user-1', 'password_reset', HOUR_S);

    clock.advanceSeconds(HOUR_S - 1);
    await expect(store.peek(token, 'password_reset')).resolves.not.toBeNull();
    clock.advanceSeconds(1);
    await expect(store.peek(token, 'password_reset')).resolves.toBeNull();
    await expect(store.consume(token, 'password_reset')).resolves.toBeNull();
  });

  it('invalidateAll spends the live tokens of one user and purpose only', async () => {
    const mine = await store.issue('user-1', 'password_reset', HOUR_S);
    const mine2 = await store.issue('user-1', 'password_reset', HOUR_S);
    const myOther = await store.issue('user-1', 'email_verification', HOUR_S);
    const theirs = await store.issue('user-2', 'password_reset', HOUR_S);

    await store.invalidateAll('user-1', 'password_reset');

    await expect(store.consume(mine, 'password_reset')).resolves.toBeNull();
    await expect(store.consume(mine2, 'password_reset')).resolves.toBeNull();
    await expect(store.consume(myOther, 'email_verification')).resolves.not.toBeNull();
    await expect(store.consume(theirs, 'password_reset')).resolves.not.toBeNull();
  });

  it('purgeExpired drops expired tokens and keeps live ones', async () => {
    const expiring = await store.issue('user-1', 'email_verification', 60);
    const live = await store.issue('user-2', 'password_reset', HOUR_S);
    clock.advanceSeconds(60);

    await store.purgeExpired();

    await expect(store.peek(live, 'password_reset')).resolves.not.toBeNull();
    // Back before its expiry: a token the purge had skipped would read as live again.
    clock.advanceSeconds(-60);
    await expect(store.peek(expiring, 'email_verification')).resolves.toBeNull();
  });

  it('lets exactly one of 10 parallel consumes of one token win', async () => {
    const token = await store.issue('user-1', 'password_reset', HOUR_S);

    const results = await Promise.all(
      Array.from({ length: 10 }, () => store.consume(token, 'password_reset')),
    );

    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  if (backend.shared) {
    it('lets exactly one of 10 parallel consumes from two connections win', async () => {
      const instances = [store, await openAnother(handle)];
      const token = await store.issue('user-1', 'password_reset', HOUR_S);

      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => instances[i % 2].consume(token, 'password_reset')),
      );

      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });
  }

  if (backend.durable) {
    it('keeps tokens across a restart, still single-use', async () => {
      const token = await store.issue('user-1', 'email_verification', HOUR_S);
      await store.consume(await store.issue('user-1', 'password_reset', HOUR_S), 'password_reset');

      const restarted = await reopen(handle);

      await expect(restarted.consume(token, 'email_verification')).resolves.toMatchObject({
        userId: 'user-1',
      });
      await expect(restarted.consume(token, 'email_verification')).resolves.toBeNull();
    });

    it('fails closed with AuthStoreUnavailableError when the database is gone', async () => {
      const token = await store.issue('user-1', 'password_reset', HOUR_S);
      await disconnect(handle);

      const errors = await rejectionsOf([
        store.issue('user-1', 'password_reset', HOUR_S),
        store.peek(token, 'password_reset'),
        store.consume(token, 'password_reset'),
        store.invalidateAll('user-1', 'password_reset'),
      ]);
      for (const error of errors) expect(error).toBeInstanceOf(AuthStoreUnavailableError);
    });
  }
});
