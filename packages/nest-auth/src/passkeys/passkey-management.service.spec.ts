import type { AuthPrincipal } from '../authenticator/auth-principal';
import {
  AuthResourceNotFoundError,
  FeatureDisabledError,
  InsufficientPermissionsError,
} from '../errors/auth.errors';
import { AuthEventPublisher } from '../events/auth-event-publisher';
import { AuthDecisionLogger } from '../logging/auth-decision-logger';
import { loadAuthConfig } from '../settings/load-auth-config';
import { MemoryPasskeyStore } from './memory-passkey-store';
import { PasskeyManagementService } from './passkey-management.service';
import type { PasskeyRecord } from './passkey-store';
import { PasskeysFeature } from './passkeys-feature';

const ID = '0b7e9c4e-1d1f-4d5e-9a43-3f3c0a1e2b7d';
const passkey: PasskeyRecord = {
  ...{ id: ID, userId: 'u-1', credentialId: 'c-1', publicKey: 'SECRET-LOOKING', counter: 9 },
  ...{ transports: ['usb'], deviceType: 'singleDevice', backedUp: false, name: 'Key' },
  ...{ createdAt: new Date(0), lastUsedAt: null },
};
const principal = (userId: string, method: AuthPrincipal['method'] = 'access_token') =>
  ({ userId, method }) as AuthPrincipal;

describe('PasskeyManagementService', () => {
  let store: MemoryPasskeyStore;
  const service = (enabled = true) =>
    new PasskeyManagementService(
      new PasskeysFeature(loadAuthConfig({ configFile: false, env: {}, passkeys: { enabled } })),
      store,
      new AuthDecisionLogger(),
      AuthEventPublisher.none,
    );
  beforeEach(() => {
    store = new MemoryPasskeyStore(Date.now, [passkey]);
  });
  afterEach(() => store.onApplicationShutdown());

  it('lists the passkeys without their public key or counter', async () => {
    const [view] = await service().list(principal('u-1'));
    expect(view).toEqual({
      ...{ id: ID, name: 'Key', createdAt: new Date(0).toISOString(), lastUsedAt: null },
      ...{ backedUp: false, deviceType: 'singleDevice', transports: ['usb'] },
    });
  });

  it("answers 404 for someone else's or a malformed id, and deletes once", async () => {
    await expect(service().rename(principal('u-2'), ID, 'x')).rejects.toBeInstanceOf(
      AuthResourceNotFoundError,
    );
    await expect(service().delete(principal('u-1'), 'not-a-uuid')).rejects.toBeInstanceOf(
      AuthResourceNotFoundError,
    );
    await service().delete(principal('u-1'), ID);
    await expect(service().delete(principal('u-1'), ID)).rejects.toBeInstanceOf(
      AuthResourceNotFoundError,
    );
  });

  it('refuses an API key (403), and answers 404 while passkeys are off', async () => {
    await expect(service().list(principal('u-1', 'api_key'))).rejects.toBeInstanceOf(
      InsufficientPermissionsError,
    );
    await expect(service(false).list(principal('u-1'))).rejects.toBeInstanceOf(
      FeatureDisabledError,
    );
  });
});
