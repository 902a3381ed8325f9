import type { TestingModuleBuilder } from '@nestjs/testing';
import * as jwt from 'jsonwebtoken';
import { AuthClock, type TokenPair } from '../packages/nest-auth/src';
import { testKeyPair } from '../packages/nest-auth/src/testing';
import { bearer, registerAndLogin } from './support/auth-client';
import { FakeClock } from './support/fake-clock';
import { keyEnv } from './support/key-files';
import { startTestApp, tempDbPath, type TestApp } from './support/test-app';

const GRACE_S = 3600;
// Long-lived tokens, so a refusal below is the key's retirement, never the token's expiry.
const LONG_TTL = { LEX_AUTH__TOKEN__ACCESS_TTL_SECONDS: '86400' };

const kidOf = (token: string) => jwt.decode(token, { complete: true })!.header.kid;

/**
 * The admin path: config change + restart. Instance "before" signs with key A. After the
 * rotation, key B signs and A is listed in previous_keys with its retirement instant.
 */
describe('Key rotation with a grace period (fake clock, one database)', () => {
  const keyA = testKeyPair('ES256');
  const keyB = testKeyPair('ES256');
  const clock = new FakeClock(Date.now());
  const retiredAt = new Date(clock.now() + 60_000);
  const dbPath = tempDbPath();
  let oldTokens: TokenPair;
  let rotated: TestApp;
  let kidA: string | undefined;

  const withClock = {
    override: (b: TestingModuleBuilder) =>
      b.overrideProvider(AuthClock).useValue({ now: clock.now }),
  };
  const me = (token: string) => rotated.http.get('/auth/me').set(bearer(token));

  beforeAll(async () => {
    const before = await startTestApp({
      dbPath,
      env: { ...keyEnv('ES256', keyA), ...LONG_TTL },
      ...withClock,
    });
    try {
      oldTokens = await registerAndLogin(before.http, 'rotate@example.com');
      kidA = kidOf(oldTokens.access_token);
    } finally {
      await before.close();
    }
    rotated = await startTestApp({
      dbPath,
      env: {
        ...keyEnv('ES256', keyB),
        ...LONG_TTL,
        LEX_AUTH__TOKEN__PREVIOUS_KEYS: JSON.stringify([
          { public_key: keyA.publicKey, retired_at: retiredAt.toISOString() },
        ]),
        LEX_AUTH__TOKEN__KEY_ROTATION_GRACE_SECONDS: String(GRACE_S),
      },
      ...withClock,
    });
  });
  afterAll(() => rotated.close());

  it('signs new tokens with the current key (B)', async () => {
    clock.advanceSeconds(120);
    const fresh = await registerAndLogin(rotated.http, 'after@example.com');

    expect(kidOf(fresh.access_token)).not.toBe(kidA);
    const { body } = await rotated.http.get('/.well-known/jwks.json').expect(200);
    expect(body.keys[0].kid).toBe(kidOf(fresh.access_token));
  });

  it('accepts tokens of the retired key (A) inside the grace window and lists A in the JWKS', async () => {
    await me(oldTokens.access_token).expect(200);
    const { body } = await rotated.http.get('/.well-known/jwks.json').expect(200);

    expect(body.keys.map((k: { kid: string }) => k.kid)).toEqual([expect.any(String), kidA]);
  });

  it('exchanges a refresh token of key A for a pair signed with key B, which outlives the grace', async () => {
    const { body } = await rotated.http
      .post('/auth/refresh')
      .send({ refresh_token: oldTokens.refresh_token })
      .expect(200);
    const renewed = body as TokenPair;
    expect(kidOf(renewed.access_token)).not.toBe(kidA);

    clock.advanceSeconds(GRACE_S);
    await me(renewed.access_token).expect(200);
  });

  it('refuses tokens of key A once the grace window is over, and drops A from the JWKS', async () => {
    clock.advanceSeconds(1);
    const res = await me(oldTokens.access_token).expect(401);

    expect(res.body).toMatchObject({
      error: 'InvalidTokenError',
      message: expect.stringContaining('retired key') as string,
    });
    const { body } = await rotated.http.get('/.well-known/jwks.json').expect(200);
    expect(body.keys.map((k: { kid: string }) => k.kid)).not.toContain(kidA);
  });
});

describe('Publishing the next key before it signs (rolling restart)', () => {
  it('lets an instance still signing with A accept tokens from an instance already on B', async () => {
    const keyA = testKeyPair('EdDSA');
    const keyB = testKeyPair('EdDSA');
    const dbPath = tempDbPath();
    const onB = await startTestApp({ dbPath, env: keyEnv('EdDSA', keyB) });
    const stillOnA = await startTestApp({
      dbPath,
      env: { ...keyEnv('EdDSA', keyA), LEX_AUTH__TOKEN__NEXT_PUBLIC_KEY: keyB.publicKey },
    });
    try {
      const fromB = await registerAndLogin(onB.http, 'rolling@example.com');

      await stillOnA.http.get('/auth/me').set(bearer(fromB.access_token)).expect(200);
      const { body } = await stillOnA.http.get('/.well-known/jwks.json').expect(200);
      expect(body.keys.map((k: { kid: string }) => k.kid)).toEqual([
        expect.any(String),
        kidOf(fromB.access_token),
      ]);
    } finally {
      await Promise.all([onB.close(), stillOnA.close()]);
    }
  });
});
