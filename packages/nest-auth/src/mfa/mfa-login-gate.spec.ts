import { AuthClock } from '../common/auth-clock';
import { MfaRequiredError } from '../errors/auth.errors';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import type { AuthConfig } from '../settings/auth-config';
import type { AuthUser } from '../user-store/user-store';
import { MemoryMfaStore } from './memory-mfa.store';
import { clientBindingOf, sha256Hex } from './mfa-challenge';
import { MfaLoginGate } from './mfa-login-gate';
import { SecondFactorMethods } from '../login/second-factor-methods';

const NOW = Date.UTC(2026, 0, 1);
const user = { id: 'user-1', email: 'a@example.com' } as AuthUser;
const client = { userAgent: 'app/1.0', ip: '10.0.0.1' };

describe('MfaLoginGate', () => {
  let store: MemoryMfaStore;
  const gate = (enabled = true, methods = new SecondFactorMethods()) =>
    new MfaLoginGate(
      store,
      { mfa: { enabled, issuer: 'Lexigram', challengeTtlSeconds: 300 } } as unknown as AuthConfig,
      AuthClock.from(() => NOW),
      new AuthDecisionLogger(),
      methods,
    );
  const enableTotp = async () => {
    await store.startEnrolment(user.id, 'sealed', new Date(NOW));
    await store.enable(user.id, 'sealed', 1, [], new Date(NOW));
  };

  beforeEach(() => {
    store = new MemoryMfaStore(() => NOW);
  });
  afterEach(() => store.onApplicationShutdown());

  it('lets a user without TOTP, or with a pending enrolment, through', async () => {
    await expect(gate().requireSecondFactor(user, client)).resolves.toBeUndefined();
    await store.startEnrolment(user.id, 'sealed', new Date(NOW));
    await expect(gate().requireSecondFactor(user, client)).resolves.toBeUndefined();
  });

  it('holds back an enabled user with a challenge stored only as its hash, bound to the client', async () => {
    await store.startEnrolment(user.id, 'sealed', new Date(NOW));
    await store.enable(user.id, 'sealed', 1, [], new Date(NOW));
    const error = (await gate()
      .requireSecondFactor(user, client)
      .catch((e: unknown) => e)) as MfaRequiredError;
    expect(error).toBeInstanceOf(MfaRequiredError);
    expect(error.mfaChallenge).toMatch(/^[\w-]{43}$/);
    await expect(store.findChallenge(error.mfaChallenge, new Date(NOW))).resolves.toBeNull();
    await expect(
      store.findChallenge(sha256Hex(error.mfaChallenge), new Date(NOW)),
    ).resolves.toEqual({
      idHash: sha256Hex(error.mfaChallenge),
      userId: user.id,
      clientHash: clientBindingOf(client),
      expiresAt: new Date(NOW + 300_000),
    });
  });

  it('asks nobody for a second factor while mfa.enabled is off', async () => {
    await store.startEnrolment(user.id, 'sealed', new Date(NOW));
    await store.enable(user.id, 'sealed', 1, [], new Date(NOW));
    await expect(gate(false).requireSecondFactor(user, client)).resolves.toBeUndefined();
  });

  it('lists totp, then each registered method the user can use, as the methods to answer with', async () => {
    await enableTotp();
    const methods = new SecondFactorMethods();
    methods.register('passkey', (userId) => Promise.resolve(userId === user.id));
    methods.register('carrier-pigeon', () => Promise.resolve(false));

    const error = (await gate(true, methods)
      .requireSecondFactor(user, client)
      .catch((e: unknown) => e)) as MfaRequiredError;

    expect(error.methods).toEqual(['totp', 'passkey']);
  });

  it('leaves out a method whose check fails, and still asks for the second factor', async () => {
    await enableTotp();
    const methods = new SecondFactorMethods();
    methods.register('passkey', () => Promise.reject(new Error('store down')));

    const error = (await gate(true, methods)
      .requireSecondFactor(user, client)
      .catch((e: unknown) => e)) as MfaRequiredError;

    expect(error).toBeInstanceOf(MfaRequiredError);
    expect(error.methods).toEqual(['totp']);
  });
});
