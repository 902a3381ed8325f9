import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  AuthModule,
  LoginAttemptTracker,
  MemoryLoginAttemptTracker,
  UserStore,
  MemoryUserStore,
} from '../src/auth';
import { AuthTestTokens } from '../src/auth/testing';
import { AppModule, authModule } from '../src/app.module';
import { configureApp } from '../src/bootstrap/configure-app';
import { tempDbPath } from './support/test-app';

/** What a host's own e2e test does: replace the auth module with its stub and call protected routes. */
describe('AuthModule.stub() in a host test', () => {
  let app: NestExpressApplication;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, { LEX_ENV: 'test', LOG_LEVEL: 'silent', DB_PATH: tempDbPath() });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideModule(authModule)
      .useModule(
        AuthModule.stub({
          users: [{ id: 'u-1', email: 'alice@example.com', password: 'stub password 123' }],
        }),
      )
      .compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
    configureApp(app);
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    process.env = saved;
  });

  it('replaces the stores with in-memory fakes', () => {
    expect(app.get(UserStore)).toBeInstanceOf(MemoryUserStore);
    expect(app.get(LoginAttemptTracker)).toBeInstanceOf(MemoryLoginAttemptTracker);
  });

  it('mints a token for a known user that protected routes accept', async () => {
    const headers = await app.get(AuthTestTokens).authHeaderFor('alice@example.com');
    const res = await request(app.getHttpServer()).get('/auth/me').set(headers).expect(200);
    expect(res.body).toMatchObject({ id: 'u-1', email: 'alice@example.com' });
  });

  it('still refuses requests without a token', async () => {
    await request(app.getHttpServer()).get('/auth/me').expect(401);
  });

  it('lets a stub user log in with its password, with no rate limit', async () => {
    for (let i = 0; i < 20; i++) {
      await request(app.getHttpServer())
        .post('/auth/login')
        .send({ email: 'alice@example.com', password: 'stub password 123' })
        .expect(200);
    }
  });
});
