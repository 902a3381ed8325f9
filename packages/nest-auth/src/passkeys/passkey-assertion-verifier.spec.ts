import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { AuthClock } from '../common/auth-clock';
import { AccountLockedError } from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import type { AuthEvent } from '../events/auth-events';
import { MemoryLoginAttemptTracker } from '../login-attempt-tracker/memory-login-attempt-tracker';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { loadAuthConfig } from '../settings/load-auth-config';
import { MemoryUserStore } from '../user-store/memory-user-store';
import { InvalidPasskeyError } from './invalid-passkey.error';
import { MemoryPasskeyStore } from './memory-passkey-store';
import { PasskeyAssertionVerifier } from './passkey-assertion-verifier';
import { PasskeyChallenges } from './passkey-challenges';
import type { PasskeyChallengeRecord, PasskeyRecord } from './passkey-store';
import { PasskeysFeature } from './passkeys-feature';

const NOW = Date.UTC(2026, 0, 1);
const RP = { rpId: 'localhost', rpName: 'Lexigram', origins: ['http://localhost:3000'] };
const b64 = (text: string) => Buffer.from(text).toString('base64url');

const passkey: PasskeyRecord = {
  ...{ id: 'p-1', userId: 'u-1', credentialId: 'cred-1', publicKey: 'AAAA', counter: 3 },
  ...{ transports: ['internal'], deviceType: 'singleDevice', backedUp: false, name: 'Key' },
  ...{ createdAt: new Date(NOW), lastUsedAt: null },
};
const challenge = (userId: string | null = null): PasskeyChallengeRecord => ({
  ...{ id: 'c-1', challengeHash: '00', purpose: userId ? 'second_factor' : 'authentication' },
  ...{ userId, mfaChallengeHash: userId ? 'ab' : null, expiresAt: new Date(NOW + 60_000) },
});
/** An answer for `credentialId` whose bytes are garbage: no signature can verify. */
const answer = (credentialId: string, userHandle?: string): AuthenticationResponseJSON => ({
  ...{ id: credentialId, rawId: credentialId, type: 'public-key', clientExtensionResults: {} },
  response: {
    ...{ clientDataJSON: b64('{}'), authenticatorData: 'AAAA', signature: 'AAAA' },
    ...(userHandle ? { userHandle: b64(userHandle) } : {}),
  },
});

describe('PasskeyAssertionVerifier', () => {
  const events: AuthEvent[] = [];
  let store: MemoryPasskeyStore;
  let tracker: MemoryLoginAttemptTracker;
  let verifier: PasskeyAssertionVerifier;

  beforeEach(async () => {
    events.length = 0;
    const config = loadAuthConfig({ configFile: false, env: {}, maxFailedAttempts: 2 });
    const clock = AuthClock.from(() => NOW);
    store = new MemoryPasskeyStore(() => NOW, [passkey]);
    tracker = new MemoryLoginAttemptTracker(
      { maxFailedAttempts: 2, lockoutDurationSeconds: 300 },
      () => NOW,
    );
    const users = new MemoryUserStore([
      { id: 'u-1', email: 'ada@example.com', passwordHash: 'x', roles: [] },
    ]);
    const publisher = new AuthEventPublisher({
      emit: (_: string, e: AuthEvent) => events.push(e),
    } as never);
    verifier = new PasskeyAssertionVerifier(
      new PasskeysFeature(config),
      new PasskeyChallenges(store, config, clock),
      ...[store, users, tracker, clock, new AuthDecisionLogger(), publisher],
    );
    await Promise.resolve();
  });
  afterEach(() => {
    store.onApplicationShutdown();
    tracker.onApplicationShutdown();
  });

  const reasons = () => events.map((e) => (e as { reason?: string }).reason);

  it('refuses an unknown credential without touching any lockout', async () => {
    await expect(verifier.verify(challenge(), answer('nope'), RP)).rejects.toBeInstanceOf(
      InvalidPasskeyError,
    );
    expect(reasons()).toEqual(['credential_unknown']);
    await expect(tracker.status('ada@example.com')).resolves.toMatchObject({ attempts: 0 });
  });

  it("refuses a passkey of another user than the MFA step's, and a foreign user handle", async () => {
    await expect(verifier.verify(challenge('u-2'), answer('cred-1'), RP)).rejects.toBeInstanceOf(
      InvalidPasskeyError,
    );
    await expect(verifier.verify(challenge(), answer('cred-1', 'u-2'), RP)).rejects.toBeInstanceOf(
      InvalidPasskeyError,
    );
    expect(reasons()).toEqual(['credential_mismatch', 'credential_mismatch']);
  });

  it('counts a bad signature as a failed login of the owner, then refuses while locked', async () => {
    for (let i = 0; i < 2; i++) {
      await expect(verifier.verify(challenge(), answer('cred-1'), RP)).rejects.toBeInstanceOf(
        InvalidPasskeyError,
      );
    }
    expect(reasons()).toEqual(['assertion_invalid', 'assertion_invalid']);

    await expect(verifier.verify(challenge(), answer('cred-1'), RP)).rejects.toBeInstanceOf(
      AccountLockedError,
    );
    await expect(store.findByCredentialId('cred-1')).resolves.toMatchObject({ counter: 3 });
  });
});
