import {
  type ConcurrencyLimitedPasswordHasher,
  type DelegatingPasswordHasher,
  PasswordHasher,
  WorkerBcryptPasswordHasher,
} from '../packages/nest-auth/src';
import { login, PASSWORD } from './support/auth-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('Logins on bcrypt worker threads (example host, SQLite)', () => {
  let t: TestApp;
  let workers: WorkerBcryptPasswordHasher;

  beforeAll(async () => {
    t = await startTestApp();
    const limited = t.app.get<PasswordHasher, ConcurrencyLimitedPasswordHasher>(PasswordHasher);
    workers = (limited.inner as DelegatingPasswordHasher).current as WorkerBcryptPasswordHasher;
  });
  afterAll(() => t.close());

  it('hashes on the workers: registration starts one, login verifies there', async () => {
    expect(workers).toBeInstanceOf(WorkerBcryptPasswordHasher);
    await t.http
      .post('/auth/register')
      .send({ email: 'worker@example.com', password: PASSWORD })
      .expect(201);

    expect(workers.pool.workers.length).toBeGreaterThan(0);
    await login(t.http, 'worker@example.com');
  });

  it('answers 503 with Retry-After when the worker dies mid-login, and the next login works', async () => {
    // The first idle worker takes the next call, and dies with it: terminated as the call is
    // handed over, it can never answer.
    const [{ worker: trapped }] = workers.pool.workers;
    const post = trapped.postMessage.bind(trapped);
    trapped.postMessage = (message: unknown) => {
      void trapped.terminate();
      post(message);
    };

    const res = await t.http
      .post('/auth/login')
      .send({ email: 'worker@example.com', password: PASSWORD })
      .expect(503);

    expect(res.body).toEqual({
      statusCode: 503,
      error: 'AuthStoreUnavailableError',
      message: 'The password hasher is unavailable; the request was refused. Retry in 1 s.',
      retryAfter: 1,
    });
    expect(res.headers['retry-after']).toBe('1');
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
    expect(workers.pool.workers.map(({ worker }) => worker)).not.toContain(trapped);
    // A fresh worker takes the next login; the failed one was not counted against the account.
    await login(t.http, 'worker@example.com');
  });
});
