import { AuthClock } from '../common/auth-clock';
import { sha256Hex } from '../mfa/mfa-challenge';
import { loadAuthConfig } from '../settings/load-auth-config';
import { MemoryPasskeyStore } from './memory-passkey-store';
import { PasskeyChallenges } from './passkey-challenges';

const NOW = Date.UTC(2026, 0, 1);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

describe('PasskeyChallenges', () => {
  let now = NOW;
  let store: MemoryPasskeyStore;
  let challenges: PasskeyChallenges;

  beforeEach(() => {
    now = NOW;
    store = new MemoryPasskeyStore(() => now);
    const config = loadAuthConfig({
      configFile: false,
      env: {},
      passkeys: { challengeTtlSeconds: 60 },
    });
    challenges = new PasskeyChallenges(
      store,
      config,
      AuthClock.from(() => now),
    );
  });
  afterEach(() => store.onApplicationShutdown());

  it('issues 32 random bytes, stored only as the SHA-256 of their base64url text', async () => {
    const issued = await challenges.issue('authentication', null);
    expect(issued.challenge).toHaveLength(32);
    const record = await store.consumeChallenge(issued.challengeId, new Date(NOW));

    expect(record).toEqual({
      id: issued.challengeId,
      challengeHash: sha256Hex(b64(issued.challenge)),
      purpose: 'authentication',
      userId: null,
      mfaChallengeHash: null,
      expiresAt: new Date(NOW + 60_000),
    });
    expect(JSON.stringify(record)).not.toContain(b64(issued.challenge));
  });

  it('spends a challenge once, and not after its lifetime', async () => {
    const first = await challenges.issue('authentication', null);
    const second = await challenges.issue('authentication', null);

    await expect(challenges.spend(first.challengeId)).resolves.not.toBeNull();
    await expect(challenges.spend(first.challengeId)).resolves.toBeNull();
    now += 60_000;
    await expect(challenges.spend(second.challengeId)).resolves.toBeNull();
  });

  it('matches only the challenge a record was issued for', async () => {
    const issued = await challenges.issue('second_factor', 'u-1', 'ab');
    const record = (await challenges.spend(issued.challengeId))!;

    expect(challenges.matches(record, b64(issued.challenge))).toBe(true);
    expect(challenges.matches(record, b64(new Uint8Array(32)))).toBe(false);
  });

  it('spends a registration challenge only for its own user, and only once', async () => {
    const mine = await challenges.issue('registration', 'u-1');
    const signIn = await challenges.issue('authentication', null);

    await expect(challenges.spendForRegistration(b64(mine.challenge), 'u-2')).resolves.toBe(false);
    // The foreign attempt spent it: a challenge never gets a second try.
    await expect(challenges.spendForRegistration(b64(mine.challenge), 'u-1')).resolves.toBe(false);
    await expect(challenges.spendForRegistration(b64(signIn.challenge), 'u-1')).resolves.toBe(
      false,
    );
    const again = await challenges.issue('registration', 'u-1');
    await expect(challenges.spendForRegistration(b64(again.challenge), 'u-1')).resolves.toBe(true);
  });
});
