import type { INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthExceptionFilter, AuthModule, JwtAuthGuard } from '../packages/nest-auth/src';
import { AuthTestTokens } from '../packages/nest-auth/src/testing';
import { AdminController } from '../src/users/admin.controller';
import { WhoamiController } from '../src/users/whoami.controller';

const ANN_ID = '6f1c2b7e-3c1d-4f7a-9a51-0d2e8b9c4a10';

/**
 * The host's controllers under test with the stub alone: no AppModule, so no TypeORM, no SQLite
 * file, no Redis. docs/guides/testing.md shows this file as the way to test routes without a
 * database.
 */
describe('AuthModule.stub() with no database at all', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.stub({
          users: [{ id: ANN_ID, email: 'ann@example.com', roles: ['admin'] }],
          settings: { roles: { admin: { permissions: ['users.*'] } } },
        }),
      ],
      controllers: [WhoamiController, AdminController],
      providers: [
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        { provide: APP_FILTER, useExisting: AuthExceptionFilter },
      ],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });
  afterAll(() => app.close());

  it('has no database connection to open or close', () => {
    expect(() => app.get(DataSource)).toThrow();
  });

  it('serves the host routes to a stubbed user, and refuses anyone else (401, 403)', async () => {
    const tokens = app.get(AuthTestTokens);
    const ann = await tokens.authHeaderFor('ann@example.com');
    const who = await request(app.getHttpServer()).get('/whoami').set(ann).expect(200);
    expect(who.body).toMatchObject({ userId: ANN_ID, roles: ['admin'] });
    const user = await request(app.getHttpServer())
      .get(`/admin/users/${ANN_ID}`)
      .set(ann)
      .expect(200);
    expect(user.body).toMatchObject({ email: 'ann@example.com' });

    await request(app.getHttpServer()).get('/whoami').expect(401);
    const nobody = await tokens.authHeaderFor('ann@example.com', { roles: [] });
    await request(app.getHttpServer()).get('/admin/roles').set(nobody).expect(403);
  });
});
