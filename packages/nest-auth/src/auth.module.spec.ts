import {
  type ConfigurableModuleOptionsFactory,
  type DynamicModule,
  Injectable,
  Module,
} from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { AuthModule } from './auth.module';
import type { AuthModuleOptions } from './options/auth-module-options';
import { AuthService } from './login/auth.service';
import type { AuthPrincipal } from './authenticator/auth-principal';
import { AuthenticatorProtocol } from './authenticator/authenticator.protocol';
import { CompositeAuthenticator } from './authenticator/composite.authenticator';
import { AuthConfig } from './settings/auth-config';
import { AuthConfigurationError } from './settings/auth-configuration.error';
import { InvalidCredentialsError, TokenBlacklistedError } from './errors/auth.errors';
import { LoginAttemptTracker } from './login-attempt-tracker/login-attempt-tracker';
import { MemoryLoginAttemptTracker } from './login-attempt-tracker/memory-login-attempt-tracker';
import { Argon2idPasswordHasher } from './passwords/argon2id-password-hasher';
import { BcryptPasswordHasher } from './passwords/bcrypt-password-hasher';
import { ConcurrencyLimitedPasswordHasher } from './passwords/concurrency-limited-password-hasher';
import { DelegatingPasswordHasher } from './passwords/delegating-password-hasher';
import { PasswordHasher } from './passwords/password-hasher';
import { PasswordPolicy } from './passwords/password-policy';
import { AuthorizationGuard } from './rbac/authorization.guard';
import { RolePermissions } from './rbac/role-permissions';
import { STUB_SECRET_KEY } from './testing/auth-stub.module';
import { AuthTestTokens } from './testing/auth-test-tokens';
import { MemoryTokenBlacklist } from './token-blacklist/memory-token-blacklist';
import { TokenBlacklist } from './token-blacklist/token-blacklist';
import { TokenService } from './tokens/token.service';
import { MemoryUserStore } from './user-store/memory-user-store';
import { UserStore } from './user-store/user-store';

/** The smallest options that boot without I/O. */
const memoryOptions = (): AuthModuleOptions => ({
  store: 'memory',
  configFile: false,
  env: {},
  userStore: new MemoryUserStore(),
  password: { rounds: 4 },
});

/** `forRootAsync({ useClass })`: ConfigurableModuleBuilder's default factory method is `create`. */
class AuthOptionsFactory implements ConfigurableModuleOptionsFactory<AuthModuleOptions, 'create'> {
  create(): AuthModuleOptions {
    return { ...memoryOptions(), token: { issuer: 'from-options-class' } };
  }
}

const HOST_SETTINGS = 'HOST_SETTINGS';

/** A host module whose provider a `forRootAsync` factory injects. */
@Module({
  providers: [{ provide: HOST_SETTINGS, useValue: { issuer: 'from-imported-module' } }],
  exports: [HOST_SETTINGS],
})
class HostSettingsModule {}

/** A provider in a sibling module that needs the auth module's TokenBlacklist. */
@Injectable()
class NeedsBlacklist {
  constructor(readonly blacklist: TokenBlacklist) {}
}

@Module({ providers: [NeedsBlacklist], exports: [NeedsBlacklist] })
class SiblingModule {}

/** A host's authenticator: trusts a header, as an API gateway in front of the app might. */
class GatewayAuthenticator extends AuthenticatorProtocol {
  authenticate(): Promise<AuthPrincipal | null> {
    return Promise.resolve(null);
  }
}

class CustomTokenBlacklist extends MemoryTokenBlacklist {}

describe('AuthModule', () => {
  const opened: TestingModule[] = [];

  async function compile(
    ...imports: (DynamicModule | (new () => unknown))[]
  ): Promise<TestingModule> {
    const moduleRef = await Test.createTestingModule({ imports }).compile();
    opened.push(moduleRef);
    return moduleRef;
  }

  /** The error compiling `imports` fails with; fails the test when it compiles. */
  async function compileErrorOf(
    ...imports: (DynamicModule | (new () => unknown))[]
  ): Promise<unknown> {
    try {
      await compile(...imports);
    } catch (error) {
      return error;
    }
    throw new Error('Expected the module to fail to compile, but it compiled');
  }

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((moduleRef) => moduleRef.close()));
  });

  describe.each<[string, () => DynamicModule, string]>([
    ['forRoot(options)', () => AuthModule.forRoot(memoryOptions()), 'lexigram-auth'],
    [
      'forRootAsync({ useFactory })',
      () => AuthModule.forRootAsync({ useFactory: memoryOptions }),
      'lexigram-auth',
    ],
    [
      'forRootAsync({ useFactory: async })',
      () => AuthModule.forRootAsync({ useFactory: () => Promise.resolve(memoryOptions()) }),
      'lexigram-auth',
    ],
    [
      'forRootAsync({ imports, inject, useFactory })',
      () =>
        AuthModule.forRootAsync({
          imports: [HostSettingsModule],
          inject: [HOST_SETTINGS],
          useFactory: (settings: { issuer: string }) => ({
            ...memoryOptions(),
            token: { issuer: settings.issuer },
          }),
        }),
      'from-imported-module',
    ],
    [
      'forRootAsync({ useClass })',
      () => AuthModule.forRootAsync({ useClass: AuthOptionsFactory }),
      'from-options-class',
    ],
  ])('registered with %s', (_how, register, issuer) => {
    let moduleRef: TestingModule;

    beforeEach(async () => {
      moduleRef = await compile(register());
    });

    it.each<
      [string, abstract new (...args: never[]) => unknown, new (...args: never[]) => unknown]
    >([
      ['AuthenticatorProtocol', AuthenticatorProtocol, CompositeAuthenticator],
      ['LoginAttemptTracker', LoginAttemptTracker, MemoryLoginAttemptTracker],
      ['TokenBlacklist', TokenBlacklist, MemoryTokenBlacklist],
      ['UserStore', UserStore, MemoryUserStore],
      ['PasswordHasher', PasswordHasher, ConcurrencyLimitedPasswordHasher],
      ['PasswordPolicy', PasswordPolicy, PasswordPolicy],
      ['AuthService', AuthService, AuthService],
      ['TokenService', TokenService, TokenService],
      ['AuthConfig', AuthConfig, AuthConfig],
      ['RolePermissions', RolePermissions, RolePermissions],
      ['AuthorizationGuard', AuthorizationGuard, AuthorizationGuard],
    ])('resolves %s to %p', (_name, token, implementation) => {
      expect(moduleRef.get(token)).toBeInstanceOf(implementation);
    });

    it('builds AuthConfig from the options, not from the process environment', () => {
      const config = moduleRef.get(AuthConfig);

      expect(config.store).toBe('memory');
      expect(config.password.rounds).toBe(4);
      expect(config.environment).toBe('development');
      expect(config.token.issuer).toBe(issuer);
    });

    it('hashes with bcrypt at the configured cost, and reads argon2 hashes too', () => {
      const limited = moduleRef.get<PasswordHasher, ConcurrencyLimitedPasswordHasher>(
        PasswordHasher,
      );
      const hasher = limited.inner as DelegatingPasswordHasher;

      expect(hasher).toBeInstanceOf(DelegatingPasswordHasher);
      expect(hasher.current).toBeInstanceOf(BcryptPasswordHasher);
      expect(hasher.current).toMatchObject({ rounds: 4 });
      expect(hasher.others).toEqual([expect.any(Argon2idPasswordHasher)]);
    });

    it('resolves each token to one shared instance', () => {
      const tracker = moduleRef.get(LoginAttemptTracker);

      expect(moduleRef.get(LoginAttemptTracker)).toBe(tracker);
    });

    it('registers a global module by default', () => {
      expect(register().global).toBe(true);
    });
  });

  describe('host-supplied instances', () => {
    it.each<
      [
        string,
        () => AuthModuleOptions,
        abstract new (...args: never[]) => unknown,
        keyof AuthModuleOptions,
      ]
    >([
      [
        'TokenBlacklist',
        () => ({ ...memoryOptions(), tokenBlacklist: new CustomTokenBlacklist() }),
        TokenBlacklist,
        'tokenBlacklist',
      ],
      [
        'AuthenticatorProtocol',
        () => ({ ...memoryOptions(), authenticator: new GatewayAuthenticator() }),
        AuthenticatorProtocol,
        'authenticator',
      ],
      [
        'LoginAttemptTracker',
        () => ({
          ...memoryOptions(),
          loginAttemptTracker: new MemoryLoginAttemptTracker({
            maxFailedAttempts: 2,
            lockoutDurationSeconds: 60,
          }),
        }),
        LoginAttemptTracker,
        'loginAttemptTracker',
      ],
      [
        'PasswordHasher',
        () => ({ ...memoryOptions(), passwordHasher: new BcryptPasswordHasher(5) }),
        PasswordHasher,
        'passwordHasher',
      ],
      ['UserStore', () => memoryOptions(), UserStore, 'userStore'],
    ])(
      'a %s given in the options wins over the default, with forRoot and forRootAsync',
      async (_name, options, token, key) => {
        const syncOptions = options();
        const asyncOptions = options();

        const viaForRoot = await compile(AuthModule.forRoot(syncOptions));
        const viaForRootAsync = await compile(
          AuthModule.forRootAsync({ useFactory: () => asyncOptions }),
        );

        expect(viaForRoot.get(token)).toBe(syncOptions[key]);
        expect(viaForRootAsync.get(token)).toBe(asyncOptions[key]);
      },
    );

    it('makes the default authenticator consult the host-supplied blacklist', async () => {
      const blacklist = new CustomTokenBlacklist();
      const moduleRef = await compile(
        AuthModule.forRoot({ ...memoryOptions(), tokenBlacklist: blacklist }),
      );
      const tokens = moduleRef.get(TokenService);
      const token = (await tokens.issuePair('user-1', 'session-1')).access_token;
      const authenticator = moduleRef.get(AuthenticatorProtocol);
      const request = { headers: { authorization: `Bearer ${token}` } };

      await expect(authenticator.authenticate(request)).resolves.toMatchObject({
        userId: 'user-1',
      });
      await blacklist.revoke('session-1', new Date(Date.now() + 60_000));
      await expect(authenticator.authenticate(request)).rejects.toBeInstanceOf(
        TokenBlacklistedError,
      );
    });
  });

  describe('configuration errors', () => {
    it('refuses store "database" without a dataSource, naming LEX_AUTH__STORE', async () => {
      const error = await compileErrorOf(
        AuthModule.forRoot({ ...memoryOptions(), store: 'database' }),
      );

      expect(error).toBeInstanceOf(AuthConfigurationError);
      expect((error as AuthConfigurationError).problems[0].variable).toBe('LEX_AUTH__STORE');
      expect((error as AuthConfigurationError).message).toContain('LEX_AUTH__STORE');
    });

    it('lets LEX_AUTH__STORE from the env option override the store of the options', async () => {
      const error = await compileErrorOf(
        AuthModule.forRootAsync({
          useFactory: () => ({ ...memoryOptions(), env: { LEX_AUTH__STORE: 'database' } }),
        }),
      );

      expect((error as AuthConfigurationError).problems[0].variable).toBe('LEX_AUTH__STORE');
    });

    it('refuses to boot without a UserStore', async () => {
      const error = await compileErrorOf(
        AuthModule.forRoot({ ...memoryOptions(), userStore: undefined }),
      );

      expect(error).toBeInstanceOf(AuthConfigurationError);
      expect((error as AuthConfigurationError).problems[0].variable).toBe('userStore');
    });

    it('stops the boot on an invalid setting, naming its variable', async () => {
      const error = await compileErrorOf(
        AuthModule.forRoot({
          ...memoryOptions(),
          env: { LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS: 'soon' },
        }),
      );

      expect((error as AuthConfigurationError).problems[0].variable).toBe(
        'LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS',
      );
    });
  });

  describe('isGlobal', () => {
    it('isGlobal: false produces a non-global module', () => {
      expect(AuthModule.forRoot({ ...memoryOptions(), isGlobal: false }).global).toBe(false);
      expect(AuthModule.forRootAsync({ isGlobal: false, useFactory: memoryOptions }).global).toBe(
        false,
      );
    });

    it('keeps isGlobal out of the module options', async () => {
      const moduleRef = await compile(AuthModule.forRoot({ ...memoryOptions(), isGlobal: false }));

      expect(moduleRef.get(AuthConfig).store).toBe('memory');
    });

    it('lets a module that does not import AuthModule inject its providers when global', async () => {
      const moduleRef = await compile(AuthModule.forRoot(memoryOptions()), SiblingModule);

      expect(moduleRef.get(NeedsBlacklist).blacklist).toBe(moduleRef.get(TokenBlacklist));
    });

    it('hides its providers from modules that do not import it when isGlobal is false', async () => {
      const error = await compileErrorOf(
        AuthModule.forRoot({ ...memoryOptions(), isGlobal: false }),
        SiblingModule,
      );

      expect(String(error)).toMatch(/NeedsBlacklist/);
    });
  });

  describe('stub()', () => {
    const EMAIL = 'a@example.com';
    const PASSWORD = 'stub user password 123';
    let moduleRef: TestingModule;

    beforeEach(async () => {
      moduleRef = await compile(AuthModule.stub({ users: [{ email: EMAIL, password: PASSWORD }] }));
    });

    it.each<
      [string, abstract new (...args: never[]) => unknown, new (...args: never[]) => unknown]
    >([
      ['AuthenticatorProtocol', AuthenticatorProtocol, CompositeAuthenticator],
      ['LoginAttemptTracker', LoginAttemptTracker, MemoryLoginAttemptTracker],
      ['TokenBlacklist', TokenBlacklist, MemoryTokenBlacklist],
      ['UserStore', UserStore, MemoryUserStore],
      ['PasswordHasher', PasswordHasher, BcryptPasswordHasher],
      ['PasswordPolicy', PasswordPolicy, PasswordPolicy],
      ['AuthService', AuthService, AuthService],
      ['AuthTestTokens', AuthTestTokens, AuthTestTokens],
    ])('resolves %s to %p', (_name, token, implementation) => {
      expect(moduleRef.get(token)).toBeInstanceOf(implementation);
    });

    it('runs in the test environment with memory stores, the fixed secret, cost 4 and no real rate limit', () => {
      const config = moduleRef.get(AuthConfig);

      expect(config.environment).toBe('test');
      expect(config.store).toBe('memory');
      expect(config.token.secretKey).toBe(STUB_SECRET_KEY);
      expect(config.password.rounds).toBe(4);
      expect(moduleRef.get(PasswordHasher)).toMatchObject({ rounds: 4 });
      expect(config.loginRateLimit.limit).toBeGreaterThanOrEqual(1_000_000);
    });

    it('is a global module', () => {
      expect(AuthModule.stub().global).toBe(true);
    });

    it('knows the stub users, under their normalised email', async () => {
      const user = await moduleRef.get(UserStore).findByEmail(EMAIL);

      expect(user).toMatchObject({
        email: EMAIL,
        passwordHash: expect.stringMatching(/^\$2b\$04\$/) as string,
      });
    });

    it('mints, through AuthTestTokens, an access token the authenticator accepts', async () => {
      const user = await moduleRef.get(UserStore).findByEmail(EMAIL);
      const token = await moduleRef.get(AuthTestTokens).accessTokenFor(EMAIL);

      const principal = await moduleRef
        .get(AuthenticatorProtocol)
        .authenticate({ headers: { authorization: `Bearer ${token}` } });

      expect(principal).toMatchObject({ userId: user?.id });
    });

    it('mints a token for a user id, and a Bearer header', async () => {
      const header = await moduleRef.get(AuthTestTokens).authHeaderFor('some-user-id');

      const principal = await moduleRef.get(AuthenticatorProtocol).authenticate({
        headers: { authorization: header.Authorization },
      });

      expect(principal?.userId).toBe('some-user-id');
    });

    it('refuses to mint a token for an email it does not know', async () => {
      await expect(
        moduleRef.get(AuthTestTokens).accessTokenFor('nobody@example.com'),
      ).rejects.toThrow(/nobody@example\.com/);
    });

    it('lets a stub user log in with their password and refuses a wrong one', async () => {
      const auth = moduleRef.get(AuthService);

      await expect(auth.login(EMAIL, PASSWORD)).resolves.toMatchObject({ token_type: 'Bearer' });
      await expect(auth.login(EMAIL, 'not the password at all')).rejects.toBeInstanceOf(
        InvalidCredentialsError,
      );
    });

    it('keeps a stub user id when one is given', async () => {
      const withId = await compile(
        AuthModule.stub({ users: [{ id: 'user-42', email: 'B@Example.com' }] }),
      );

      await expect(withId.get(UserStore).findByEmail('b@example.com')).resolves.toMatchObject({
        id: 'user-42',
      });
    });

    it('ignores the host process environment', async () => {
      jest.replaceProperty(process, 'env', {
        ...process.env,
        LEX_ENV: 'production',
        LEX_AUTH__STORE: 'database',
        LEX_AUTH__TOKEN__ISSUER: 'from-host-env',
      });
      try {
        const isolated = await compile(AuthModule.stub());

        expect(isolated.get(AuthConfig)).toMatchObject({
          environment: 'test',
          store: 'memory',
          token: expect.objectContaining({ issuer: 'lexigram-auth' }) as object,
        });
      } finally {
        jest.restoreAllMocks();
      }
    });

    it('applies settings given to stub() on top of its own', async () => {
      const tuned = await compile(
        AuthModule.stub({ settings: { token: { issuer: 'tuned' }, maxFailedAttempts: 2 } }),
      );

      expect(tuned.get(AuthConfig)).toMatchObject({ maxFailedAttempts: 2, store: 'memory' });
      expect(tuned.get(AuthConfig).token.issuer).toBe('tuned');
    });
  });
});
