import { Test, type TestingModule } from '@nestjs/testing';
import { AuthModule } from '../auth.module';
import type { AuthModuleOptions } from '../options/auth-module-options';
import { AuthenticatorProtocol } from '../authenticator/authenticator.protocol';
import { BearerJwtAuthenticator } from '../authenticator/bearer-jwt.authenticator';
import { MemoryUserStore } from '../user-store/memory-user-store';
import { ApiKeyStore } from './api-key-store';
import { CompositeAuthenticator } from '../authenticator/composite.authenticator';
import { MemoryApiKeyStore } from './memory-api-key-store';

const options = (extra: Partial<AuthModuleOptions> = {}): AuthModuleOptions => ({
  store: 'memory',
  configFile: false,
  env: {},
  userStore: new MemoryUserStore(),
  password: { rounds: 4 },
  ...extra,
});

class OwnStore extends MemoryApiKeyStore {}
class GatewayAuthenticator extends AuthenticatorProtocol {
  authenticate(): Promise<null> {
    return Promise.resolve(null);
  }
}

describe('AuthModule wiring of API keys', () => {
  const opened: TestingModule[] = [];
  const compile = async (o: AuthModuleOptions): Promise<TestingModule> => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot(o)],
    }).compile();
    opened.push(moduleRef);
    return moduleRef;
  };
  afterEach(() => Promise.all(opened.splice(0).map((m) => m.close())));

  it('dispatches by scheme when API keys are on, and keys live in memory for store: memory', async () => {
    const moduleRef = await compile(options());

    expect(moduleRef.get(AuthenticatorProtocol)).toBeInstanceOf(CompositeAuthenticator);
    expect(moduleRef.get(ApiKeyStore)).toBeInstanceOf(MemoryApiKeyStore);
  });

  it('authenticates with the bearer authenticator alone when API keys are off', async () => {
    const moduleRef = await compile(options({ apiKeys: { enabled: false } }));

    expect(moduleRef.get(AuthenticatorProtocol)).toBeInstanceOf(BearerJwtAuthenticator);
  });

  it("uses the host's authenticator and API key store when given", async () => {
    const authenticator = new GatewayAuthenticator();
    const apiKeyStore = new OwnStore();
    const moduleRef = await compile(options({ authenticator, apiKeyStore }));

    expect(moduleRef.get(AuthenticatorProtocol)).toBe(authenticator);
    expect(moduleRef.get(ApiKeyStore)).toBe(apiKeyStore);
  });
});
