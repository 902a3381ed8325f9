import type { AuthService } from '../login/auth.service';
import { AuthClock } from '../common/auth-clock';
import type { CredentialsVerifier } from '../credentials/credentials-verifier';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { type AuthEvent, MfaDisabledEvent, TokenRevokedEvent } from '../events/auth-events';
import type { AuthDecisionLogger } from '../logging/auth-decision-logger';
import type { AuthConfig } from '../settings/auth-config';
import { MemoryMfaStore } from './memory-mfa.store';
import type { MfaCodeVerifier } from './mfa-code-verifier';
import type { MfaSecretCipher } from './mfa-secret-cipher';
import { MfaService } from './mfa.service';

const NOW = Date.UTC(2026, 0, 1);
const USER = 'user-1';

describe('MfaService.adminDisable', () => {
  let store: MemoryMfaStore;
  let endAllSessions: jest.Mock;
  let published: AuthEvent[];
  let service: MfaService;

  beforeEach(() => {
    store = new MemoryMfaStore(() => NOW);
    endAllSessions = jest.fn().mockResolvedValue(undefined);
    published = [];
    const events = new AuthEventPublisher(null);
    jest.spyOn(events, 'publish').mockImplementation((e) => void published.push(e));
    service = new MfaService(
      store,
      {} as MfaCodeVerifier,
      {} as MfaSecretCipher,
      { endAllSessions } as unknown as AuthService,
      {} as CredentialsVerifier,
      {} as AuthConfig,
      AuthClock.from(() => NOW),
      { decision: jest.fn() } as unknown as AuthDecisionLogger,
      events,
    );
  });
  afterEach(() => store.onApplicationShutdown());

  async function enabled(): Promise<void> {
    await store.startEnrolment(USER, 'sealed', new Date(NOW));
    await store.enable(USER, 'sealed', 1, ['hash-a', 'hash-b'], new Date(NOW));
  }

  it('removes an enabled enrolment with its recovery codes, ends every session, publishes the events', async () => {
    await enabled();
    await expect(service.adminDisable(USER)).resolves.toBe(true);
    expect(await store.findEnrolment(USER)).toBeNull();
    expect(await store.countRecoveryCodesLeft(USER)).toBe(0);
    expect(endAllSessions).toHaveBeenCalledWith(USER);
    expect(published).toEqual([
      expect.any(MfaDisabledEvent),
      expect.objectContaining({ userId: USER, cause: 'mfa_change', sessionId: null }),
    ]);
    expect(published[1]).toBeInstanceOf(TokenRevokedEvent);
  });

  it('changes nothing when MFA is off or only pending', async () => {
    await expect(service.adminDisable(USER)).resolves.toBe(false);
    await store.startEnrolment(USER, 'sealed', new Date(NOW));
    await expect(service.adminDisable(USER)).resolves.toBe(false);
    expect(await store.findEnrolment(USER)).not.toBeNull();
    expect(endAllSessions).not.toHaveBeenCalled();
    expect(published).toEqual([]);
  });

  it('reports false the second time', async () => {
    await enabled();
    await service.adminDisable(USER);
    await expect(service.adminDisable(USER)).resolves.toBe(false);
    expect(endAllSessions).toHaveBeenCalledTimes(1);
  });
});
