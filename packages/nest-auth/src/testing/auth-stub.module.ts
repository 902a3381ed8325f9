import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AUTH_MODULE_OPTIONS } from '../module/auth-module-options.token';
import type { AuthModuleOptions } from '../options/auth-module-options';
import type { AuthSettingsOptions } from '../settings/auth-settings-options';
import { AuthConfig } from '../settings/auth-config';
import { BcryptPasswordHasher } from '../passwords/bcrypt-password-hasher';
import { TokenService } from '../tokens/token.service';
import { MemoryUserStore } from '../user-store/memory-user-store';
import { UserStore } from '../user-store/user-store';
import { ApiKeyService } from '../api-keys/api-key.service';
import { AuthClock } from '../common/auth-clock';
import { MfaSecretCipher } from '../mfa/mfa-secret-cipher';
import { MfaStore } from '../mfa/mfa.store';
import { AuthStubSeeder, type StubTotpUser } from './auth-stub-seeder';
import { AuthTestTokens } from './auth-test-tokens';
import { MemoryPasskeyStore } from '../passkeys/memory-passkey-store';
import { StubPasskeys, type StubPasskeySeed } from './stub-passkeys';

/** A user the stub knows from the start. */
export interface AuthStubUser {
  id?: string;
  email: string;
  /** Lets the user log in through `POST /auth/login`. @default a random password */
  password?: string;
  /** Role names (defined in `settings.roles`). @default [] */
  roles?: string[];
  /** Whether the email counts as verified (see `requireVerifiedEmail`). @default true */
  emailVerified?: boolean;
  /**
   * A base32 TOTP secret: the user starts with MFA on, so a login answers `MfaRequiredError`;
   * `AuthTestTokens.totpCodeFor(secret)` gives the current code. @default MFA off
   */
  totpSecret?: string;
  /**
   * Names of passkeys the user starts with: real P-256 keys in the passkey store (when the host
   * imports `PasskeysModule`), so `StubPasskeys.answer(email, options)` signs sign-ins for them
   * and a password login with `totpSecret` lists `passkey` among its methods. @default none
   */
  passkeys?: string[];
}

export interface AuthStubOptions {
  users?: AuthStubUser[];
  /** Settings on top of the stub's (test environment, memory stores, fixed secret, cost 4). */
  settings?: AuthSettingsOptions;
}

/** The fixed secret of the stub; it never leaves a test environment. */
export const STUB_SECRET_KEY = 'lexigram-auth-stub-secret-for-tests-only-0123456789';
const STUB_ROUNDS = 4;

async function stubOptions(
  options: AuthStubOptions,
  passkeyStore: MemoryPasskeyStore,
): Promise<AuthModuleOptions> {
  const hasher = new BcryptPasswordHasher(STUB_ROUNDS);
  const users = await Promise.all(
    (options.users ?? []).map(async (u) => ({
      id: u.id,
      email: u.email,
      roles: u.roles,
      emailVerifiedAt: u.emailVerified === false ? null : new Date(0),
      passwordHash: await hasher.hash(u.password ?? randomBytes(16).toString('hex')),
    })),
  );
  return {
    environment: 'test',
    secretKey: STUB_SECRET_KEY,
    store: 'memory',
    loginRateLimit: `${Number.MAX_SAFE_INTEGER}/second`,
    ...options.settings,
    password: { rounds: STUB_ROUNDS, ...options.settings?.password },
    userStore: new MemoryUserStore(users),
    passwordHasher: hasher,
    passkeyStore,
    // The host's LEX_AUTH__* variables and config.yaml must not change a test's fakes.
    env: {},
    configFile: false,
  };
}

type StubSeederDeps = [UserStore, MfaStore, MfaSecretCipher, AuthClock];

function totpUsersOf(options: AuthStubOptions): StubTotpUser[] {
  return (options.users ?? []).flatMap(({ email, totpSecret }) =>
    totpSecret ? [{ email, totpSecret }] : [],
  );
}

function passkeySeedsOf(options: AuthStubOptions): StubPasskeySeed[] {
  return (options.users ?? []).flatMap(({ email, passkeys = [] }) =>
    passkeys.map((name) => ({ email, name })),
  );
}

/** What `AuthModule.stub()` composes: the real module on in-memory fakes, and the test helpers. */
export interface AuthStubDefinition {
  /** The module with its options provider, as `forRoot` would give it. */
  definition: DynamicModule;
  /** The test helpers, provided and exported by the module itself. */
  own: { providers: Provider[]; exports: Type[] };
}

/** Builds the parts of `AuthModule.stub()`. */
export function authStubDefinition(authModule: Type, options: AuthStubOptions): AuthStubDefinition {
  const passkeyStore = new MemoryPasskeyStore();
  const definition: DynamicModule = {
    module: authModule,
    global: true,
    providers: [
      { provide: AUTH_MODULE_OPTIONS, useFactory: () => stubOptions(options, passkeyStore) },
    ],
  };
  const providers: Provider[] = [
    {
      provide: StubPasskeys,
      inject: [UserStore, AuthConfig, AuthClock],
      useFactory: (users: UserStore, config: AuthConfig, clock: AuthClock) =>
        new StubPasskeys(passkeySeedsOf(options), passkeyStore, users, config, clock),
    },
    {
      provide: AuthTestTokens,
      inject: [TokenService, UserStore, AuthConfig, AuthClock, ApiKeyService],
      useFactory: (...deps: ConstructorParameters<typeof AuthTestTokens>) =>
        new AuthTestTokens(...deps),
    },
    {
      provide: AuthStubSeeder,
      inject: [UserStore, MfaStore, MfaSecretCipher, AuthClock],
      useFactory: (...deps: StubSeederDeps) => new AuthStubSeeder(totpUsersOf(options), ...deps),
    },
  ];
  return { definition, own: { providers, exports: [AuthTestTokens, StubPasskeys] } };
}
