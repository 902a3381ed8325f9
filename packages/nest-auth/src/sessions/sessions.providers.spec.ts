import { Test, type TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { AuthModule } from '../auth.module';
import type { AuthModuleOptions } from '../options/auth-module-options';
import { AuthConfigurationError } from '../settings/auth-configuration.error';
import { loadAuthConfig } from '../settings/load-auth-config';
import { MemoryUserStore } from '../user-store/memory-user-store';
import { createSessionStore } from './create-session-store';
import { MemorySessionStore } from './memory-session-store';
import { SessionStore } from './session-store';
import { TypeOrmSessionStore } from './typeorm-session-store';

const options = (extra: Partial<AuthModuleOptions> = {}): AuthModuleOptions => ({
  store: 'memory',
  configFile: false,
  env: {},
  userStore: new MemoryUserStore(),
  password: { rounds: 4 },
  ...extra,
});
const now = () => 0;
const created: SessionStore[] = [];

async function storeFor(extra: Partial<AuthModuleOptions>): Promise<SessionStore> {
  const o = options(extra);
  const store = await createSessionStore(o, loadAuthConfig(o), now);
  created.push(store);
  return store;
}

afterEach(() => {
  for (const store of created.splice(0)) {
    (store as Partial<MemorySessionStore>).onApplicationShutdown?.();
  }
});

describe('createSessionStore', () => {
  it('keeps sessions in memory under store "memory"', async () => {
    expect(await storeFor({ store: 'memory' })).toBeInstanceOf(MemorySessionStore);
  });

  it.each(['database', 'redis'] as const)(
    'keeps sessions in the database under store "%s"',
    async (store) => {
      const dataSource = {} as DataSource;
      const extra = { store, dataSource, redisUrl: 'redis://127.0.0.1:1' };

      expect(await storeFor(extra)).toBeInstanceOf(TypeOrmSessionStore);
    },
  );

  it('refuses a database store without a DataSource, saying how to fix it', async () => {
    const error = await storeFor({ store: 'database' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthConfigurationError);
    expect((error as AuthConfigurationError).message).toContain('session store');
    expect((error as AuthConfigurationError).problems[0].variable).toBe('LEX_AUTH__STORE');
  });

  it("uses the host's sessionStore whatever the store", async () => {
    const own = new MemorySessionStore(now);
    created.push(own);

    expect(await storeFor({ store: 'database', sessionStore: own })).toBe(own);
  });
});

describe('AuthModule wiring of sessions', () => {
  let moduleRef: TestingModule | undefined;
  afterEach(() => moduleRef?.close());

  it('resolves SessionStore to the option, from forRoot and forRootAsync alike', async () => {
    for (const register of [
      (o: AuthModuleOptions) => AuthModule.forRoot(o),
      (o: AuthModuleOptions) => AuthModule.forRootAsync({ useFactory: () => o }),
    ]) {
      const own = new MemorySessionStore(now);
      created.push(own);
      await moduleRef?.close();
      moduleRef = await Test.createTestingModule({
        imports: [register(options({ sessionStore: own }))],
      }).compile();

      expect(moduleRef.get(SessionStore)).toBe(own);
    }
  });
});
