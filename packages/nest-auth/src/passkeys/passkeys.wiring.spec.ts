import { Test, type TestingModule } from '@nestjs/testing';
import { AuthModule } from '../auth.module';
import type { AuthModuleOptions } from '../options/auth-module-options';
import { SecondFactorMethods } from '../login/second-factor-methods';
import { AuthConfigurationError } from '../settings/auth-configuration.error';
import { MemoryUserStore } from '../user-store/memory-user-store';
import { MemoryPasskeyStore } from './memory-passkey-store';
import { PasskeyStore } from './passkey-store';
import { PasskeysController } from './passkeys.controller';
import { PasskeysModule, type PasskeysModuleOptions } from './passkeys.module';

const options = (extra: Partial<AuthModuleOptions> = {}): AuthModuleOptions => ({
  store: 'memory',
  configFile: false,
  env: {},
  userStore: new MemoryUserStore(),
  password: { rounds: 4 },
  ...extra,
});

class OwnStore extends MemoryPasskeyStore {}

describe('PasskeysModule wiring', () => {
  const opened: TestingModule[] = [];
  const compile = async (
    o: AuthModuleOptions,
    passkeys: PasskeysModuleOptions | false = {},
  ): Promise<TestingModule> => {
    const imports = [
      AuthModule.forRoot(o),
      ...(passkeys ? [PasskeysModule.forRoot(passkeys)] : []),
    ];
    const moduleRef = await Test.createTestingModule({ imports }).compile();
    opened.push(moduleRef);
    // Runs the lifecycle hooks, as app.init() does: PasskeysModule registers its MFA method there.
    return moduleRef.init();
  };
  afterEach(() => Promise.all(opened.splice(0).map((m) => m.close())));

  it('left out of the imports, registers no controller and no provider', async () => {
    const moduleRef = await compile(options(), false);

    expect(() => moduleRef.get(PasskeyStore, { strict: false })).toThrow();
    expect(() => moduleRef.get(PasskeysController, { strict: false })).toThrow();
    await expect(moduleRef.get(SecondFactorMethods).availableFor('u-1')).resolves.toEqual(['totp']);
  });

  it('keeps passkeys in memory for store: memory, and offers them at the MFA step', async () => {
    const moduleRef = await compile(options());
    const store = moduleRef.get(PasskeyStore, { strict: false });
    expect(store).toBeInstanceOf(MemoryPasskeyStore);

    await store.insert(
      {
        ...{ id: 'p-1', userId: 'u-1', credentialId: 'c-1', publicKey: 'k', counter: 0 },
        ...{ transports: [], deviceType: 'singleDevice', backedUp: false, name: 'Key' },
        ...{ createdAt: new Date(0), lastUsedAt: null },
      },
      10,
    );
    const methods = moduleRef.get(SecondFactorMethods);
    await expect(methods.availableFor('u-1')).resolves.toEqual(['totp', 'passkey']);
    await expect(methods.availableFor('u-2')).resolves.toEqual(['totp']);
  });

  it('does not offer passkeys at the MFA step with as_second_factor off', async () => {
    const moduleRef = await compile(options({ passkeys: { asSecondFactor: false } }));

    await expect(moduleRef.get(SecondFactorMethods).availableFor('u-1')).resolves.toEqual(['totp']);
  });

  it("uses the store given to forRoot before the one in AuthModule's options", async () => {
    const given = new OwnStore();
    const fromAuth = new OwnStore();
    const moduleRef = await compile(options({ passkeyStore: fromAuth }), { passkeyStore: given });

    expect(moduleRef.get(PasskeyStore, { strict: false })).toBe(given);
  });

  it('refuses to boot in production without an rp_id and origins, naming both variables', async () => {
    const production = options({
      environment: 'production',
      secretKey: 'x'.repeat(40),
      emailVerification: { enabled: false },
      passwordReset: { enabled: false },
    });
    const error = (await compile(production).catch((e: unknown) => e)) as AuthConfigurationError;

    expect(error).toBeInstanceOf(AuthConfigurationError);
    expect(error.problems.map((p) => p.variable)).toEqual([
      'LEX_AUTH__PASSKEYS__RP_ID',
      'LEX_AUTH__PASSKEYS__ORIGINS',
    ]);
    await expect(compile({ ...production, passkeys: { enabled: false } })).resolves.toBeDefined();
  });
});
