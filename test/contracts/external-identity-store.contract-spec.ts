import { randomUUID } from 'node:crypto';
import type {
  ExternalIdentity,
  ExternalIdentityStore,
} from '../../packages/nest-auth/src/oidc/stores/external-identity-store';
import { MemoryExternalIdentityStore } from '../../packages/nest-auth/src/oidc/stores/memory-external-identity-store';
import { MemoryOidcLoginStateStore } from '../../packages/nest-auth/src/oidc/stores/memory-oidc-login-state-store';
import type { OidcLoginStateStore } from '../../packages/nest-auth/src/oidc/stores/oidc-login-state-store';
import { TypeOrmExternalIdentityStore } from '../../packages/nest-auth/src/oidc/stores/typeorm-external-identity-store';
import { TypeOrmOidcLoginStateStore } from '../../packages/nest-auth/src/oidc/stores/typeorm-oidc-login-state-store';
import { FakeClock } from '../support/fake-clock';
import {
  type BackendHandle,
  openAnother,
  type StoreBackend,
  TYPEORM_DATABASES,
  typeOrmBackend,
} from '../support/store-backends';

const ISSUER = 'https://idp.example.com';
const T0 = Date.UTC(2026, 0, 1, 12);

const IDENTITY_BACKENDS: StoreBackend<ExternalIdentityStore, void>[] = [
  {
    name: 'memory',
    durable: false,
    shared: false,
    create: () =>
      Promise.resolve({
        subject: new MemoryExternalIdentityStore(),
        close: () => Promise.resolve(),
      }),
  },
  ...TYPEORM_DATABASES.map((kind) =>
    typeOrmBackend<ExternalIdentityStore, void>(kind, (ds) => new TypeOrmExternalIdentityStore(ds)),
  ),
];

function identity(changes: Partial<ExternalIdentity> = {}): ExternalIdentity {
  return {
    ...{ id: randomUUID(), userId: 'user-1', providerId: 'idp', issuer: ISSUER },
    ...{ subject: 'sub-1', email: 'a@example.com', createdAt: new Date(T0) },
    ...changes,
  };
}

describe.each(IDENTITY_BACKENDS)('ExternalIdentityStore contract ($name)', (backend) => {
  let handle: BackendHandle<ExternalIdentityStore>;
  let store: ExternalIdentityStore;

  beforeEach(async () => {
    handle = await backend.create();
    store = handle.subject;
  });
  afterEach(() => handle.close());

  it('links an identity and finds it by issuer and subject', async () => {
    const linked = identity({ email: null });
    expect(await store.link(linked)).toEqual({ linked: true, identity: linked });
    expect(await store.findBySubject(ISSUER, 'sub-1')).toEqual(linked);
    expect(await store.findBySubject(ISSUER, 'sub-2')).toBeNull();
    expect(await store.findBySubject('https://other.example.com', 'sub-1')).toBeNull();
  });

  it('never maps one (issuer, subject) to a second account, and answers the owner', async () => {
    const first = identity();
    await store.link(first);
    const outcome = await store.link(identity({ userId: 'user-2' }));
    expect(outcome).toEqual({ linked: false, existing: first });
    expect(await store.listByUser('user-2')).toEqual([]);
  });

  it('the same subject at another issuer is another identity', async () => {
    await store.link(identity());
    const other = identity({ issuer: 'https://other.example.com', userId: 'user-2' });
    expect((await store.link(other)).linked).toBe(true);
  });

  it("lists a user's identities oldest first and removes only the owner's", async () => {
    const a = identity({ subject: 'a', createdAt: new Date(T0 + 1000) });
    const b = identity({ subject: 'b', createdAt: new Date(T0) });
    await store.link(a);
    await store.link(b);
    expect(await store.listByUser('user-1')).toEqual([b, a]);
    expect(await store.remove('user-2', a.id)).toBe(false);
    expect(await store.remove('user-1', a.id)).toBe(true);
    expect(await store.remove('user-1', a.id)).toBe(false);
    expect(await store.listByUser('user-1')).toEqual([b]);
  });

  it('of concurrent links of one identity to different accounts, on every instance, exactly one wins', async () => {
    const instances = backend.shared ? [store, await openAnother(handle)] : [store];
    const attempts = Array.from({ length: 8 }, (_, i) =>
      instances[i % instances.length].link(identity({ userId: `user-${i}` })),
    );
    const outcomes = await Promise.all(attempts);
    const winners = outcomes.filter((o) => o.linked);
    expect(winners).toHaveLength(1);
    const owner = winners[0].linked ? winners[0].identity.userId : '';
    for (const o of outcomes) if (!o.linked) expect(o.existing.userId).toBe(owner);
    expect((await store.findBySubject(ISSUER, 'sub-1'))?.userId).toBe(owner);
  });
});

const STATE_BACKENDS = (clock: FakeClock): StoreBackend<OidcLoginStateStore, void>[] => [
  {
    name: 'memory',
    durable: false,
    shared: false,
    create: () => {
      const subject = new MemoryOidcLoginStateStore(clock.now);
      return Promise.resolve({
        subject,
        close: () => Promise.resolve(subject.onApplicationShutdown()),
      });
    },
  },
  ...TYPEORM_DATABASES.map((kind) =>
    typeOrmBackend<OidcLoginStateStore, void>(
      kind,
      (ds) => new TypeOrmOidcLoginStateStore(ds, clock.now),
    ),
  ),
];

const clock = new FakeClock(T0);

describe.each(STATE_BACKENDS(clock))('OidcLoginStateStore contract ($name)', (backend) => {
  let handle: BackendHandle<OidcLoginStateStore>;
  let store: OidcLoginStateStore;
  const record = {
    kind: 'state' as const,
    providerId: 'idp',
    userId: null,
    data: { nonce: 'n', codeVerifier: 'v' },
  };

  beforeEach(async () => {
    handle = await backend.create();
    store = handle.subject;
  });
  afterEach(() => handle.close());

  it('gives the record back once, by its key, of its kind only', async () => {
    const key = await store.issue(record, 60);
    expect(key).toMatch(/^[\w-]{43}$/);
    expect(await store.consume(key, 'login_code')).toBeNull();
    expect(await store.consume(key, 'state')).toEqual({
      ...record,
      expiresAt: new Date(clock.now() + 60_000),
    });
    expect(await store.consume(key, 'state')).toBeNull();
  });

  it('refuses an expired key and a key it never issued', async () => {
    const key = await store.issue(
      { ...record, kind: 'login_code', userId: 'user-1', data: {} },
      30,
    );
    clock.advanceSeconds(31);
    expect(await store.consume(key, 'login_code')).toBeNull();
    expect(await store.consume('A'.repeat(43), 'login_code')).toBeNull();
    expect(await store.consume('not a key', 'login_code')).toBeNull();
  });

  it('of concurrent consumers of one key, on every instance, exactly one gets the record', async () => {
    const key = await store.issue(record, 60);
    const instances = backend.shared ? [store, await openAnother(handle)] : [store];
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => instances[i % instances.length].consume(key, 'state')),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });
});
