import { Test } from '@nestjs/testing';
import { AuthModule } from '../auth.module';
import { AuthConfig } from '../settings/auth-config';
import { MemoryUserStore } from '../user-store/memory-user-store';
import type { AuthModuleOptions } from './auth-module-options';

const ENV = { LEX_AUTH__TOKEN__ISSUER: 'from-env', LEX_AUTH__MAX_FAILED_ATTEMPTS: '9' };

/** What a host that configures the module in code passes, the environment set beside it. */
const hostOptions = (extra: Partial<AuthModuleOptions>): AuthModuleOptions => ({
  store: 'memory',
  configFile: false,
  env: ENV,
  userStore: new MemoryUserStore(),
  password: { rounds: 4 },
  token: { issuer: 'from-options' },
  ...extra,
});

async function configOf(module: ReturnType<typeof AuthModule.forRoot>): Promise<AuthConfig> {
  const ref = await Test.createTestingModule({ imports: [module] }).compile();
  const config = ref.get(AuthConfig);
  await ref.close();
  return config;
}

describe('AuthModule allowEnvOverrides', () => {
  it('forRoot lets the environment override its options by default', async () => {
    const config = await configOf(AuthModule.forRoot(hostOptions({})));

    expect(config.token.issuer).toBe('from-env');
    expect(config.maxFailedAttempts).toBe(9);
  });

  it('forRoot with false keeps its options; the environment sets only what they leave unset', async () => {
    const config = await configOf(AuthModule.forRoot(hostOptions({ allowEnvOverrides: false })));

    expect(config.token.issuer).toBe('from-options');
    expect(config.maxFailedAttempts).toBe(9);
  });

  it('forRootAsync reads it from what the factory returns', async () => {
    const config = await configOf(
      AuthModule.forRootAsync({ useFactory: () => hostOptions({ allowEnvOverrides: false }) }),
    );

    expect(config.token.issuer).toBe('from-options');
  });
});
