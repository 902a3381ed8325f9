import {
  AuthStoreUnavailableError,
  UserAlreadyExistsError,
} from '../../packages/nest-auth/src/errors/auth.errors';
import type { UserStore } from '../../packages/nest-auth/src/user-store/user-store';
import { rejectionOf, rejectionsOf } from '../support/rejection-of';
import {
  type BackendHandle,
  disconnect,
  reopen,
  USER_STORE_BACKENDS,
} from '../support/store-backends';

const BCRYPT_HASH = '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW';
const OTHER_HASH = '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';
const ARGON2_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG';

describe.each(USER_STORE_BACKENDS)('UserStore contract ($name)', (backend) => {
  let handle: BackendHandle<UserStore>;
  let store: UserStore;

  beforeEach(async () => {
    handle = await backend.create();
    store = handle.subject;
  });

  afterEach(() => handle.close());

  it('creates a user that is found by email and by id', async () => {
    const created = await store.create({ email: 'alice@example.com', passwordHash: BCRYPT_HASH });

    expect(created).toEqual({
      id: expect.any(String) as string,
      email: 'alice@example.com',
      passwordHash: BCRYPT_HASH,
      createdAt: expect.any(Date) as Date,
      roles: [],
      emailVerifiedAt: null,
    });
    await expect(store.findByEmail('alice@example.com')).resolves.toEqual(created);
    await expect(store.findById(created.id)).resolves.toEqual(created);
  });

  it('gives each user its own UUID', async () => {
    const alice = await store.create({ email: 'alice@example.com', passwordHash: BCRYPT_HASH });
    const bob = await store.create({ email: 'bob@example.com', passwordHash: BCRYPT_HASH });

    expect(alice.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(bob.id).not.toBe(alice.id);
  });

  it('answers null for an unknown email or id', async () => {
    await store.create({ email: 'alice@example.com', passwordHash: BCRYPT_HASH });

    await expect(store.findByEmail('bob@example.com')).resolves.toBeNull();
    await expect(store.findById('00000000-0000-4000-8000-000000000000')).resolves.toBeNull();
  });

  it('refuses a second user with the same email', async () => {
    await store.create({ email: 'alice@example.com', passwordHash: BCRYPT_HASH });

    const error = await rejectionOf(
      store.create({ email: 'alice@example.com', passwordHash: OTHER_HASH }),
    );
    expect(error).toBeInstanceOf(UserAlreadyExistsError);
    await expect(store.findByEmail('alice@example.com')).resolves.toMatchObject({
      passwordHash: BCRYPT_HASH,
    });
  });

  it('creates exactly one user out of 10 parallel creates of one email', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        store.create({ email: 'alice@example.com', passwordHash: BCRYPT_HASH }),
      ),
    );

    const created = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason as unknown);
    expect(created).toHaveLength(1);
    for (const reason of refused) expect(reason).toBeInstanceOf(UserAlreadyExistsError);
    await expect(store.findByEmail('alice@example.com')).resolves.toMatchObject({
      id: created[0]?.id,
    });
  });

  it("updates one user's password hash and no other", async () => {
    const alice = await store.create({ email: 'alice@example.com', passwordHash: BCRYPT_HASH });
    const bob = await store.create({ email: 'bob@example.com', passwordHash: BCRYPT_HASH });

    await store.updatePasswordHash(alice.id, ARGON2_HASH);

    await expect(store.findById(alice.id)).resolves.toMatchObject({ passwordHash: ARGON2_HASH });
    await expect(store.findByEmail('alice@example.com')).resolves.toMatchObject({
      passwordHash: ARGON2_HASH,
    });
    await expect(store.findById(bob.id)).resolves.toMatchObject({ passwordHash: BCRYPT_HASH });
  });

  it('creates a user with the given roles, and replaces them for that user only', async () => {
    const alice = await store.create({
      email: 'alice@example.com',
      passwordHash: BCRYPT_HASH,
      roles: ['user'],
    });
    const bob = await store.create({
      email: 'bob@example.com',
      passwordHash: BCRYPT_HASH,
      roles: ['user'],
    });
    expect(alice.roles).toEqual(['user']);

    await store.setRoles(alice.id, ['user', 'editor']);

    await expect(store.findById(alice.id)).resolves.toMatchObject({ roles: ['user', 'editor'] });
    await expect(store.findByEmail('bob@example.com')).resolves.toMatchObject({ roles: ['user'] });
    await store.setRoles(bob.id, []);
    await expect(store.findById(bob.id)).resolves.toMatchObject({ roles: [] });
  });

  it('records the first email verification instant and keeps it', async () => {
    const alice = await store.create({ email: 'alice@example.com', passwordHash: BCRYPT_HASH });
    const first = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));

    await store.markEmailVerified(alice.id, first);
    await store.markEmailVerified(alice.id, new Date(first.getTime() + 60_000));

    const found = await store.findById(alice.id);
    expect(found?.emailVerifiedAt).toEqual(first);
    await store.markEmailVerified('00000000-0000-4000-8000-000000000000', first);
  });

  it('hands out copies: changing a result does not change the stored user', async () => {
    const alice = await store.create({
      email: 'alice@example.com',
      passwordHash: BCRYPT_HASH,
      roles: ['user'],
    });
    alice.roles.push('admin');

    await expect(store.findById(alice.id)).resolves.toMatchObject({ roles: ['user'] });
  });

  it.each([BCRYPT_HASH, OTHER_HASH, ARGON2_HASH])(
    'stores the hash %s as an unchanged string',
    async (hash) => {
      const user = await store.create({ email: 'alice@example.com', passwordHash: hash });

      const found = await store.findById(user.id);
      expect(typeof found?.passwordHash).toBe('string');
      expect(found?.passwordHash).toBe(hash);
    },
  );

  if (backend.durable) {
    it('keeps users across a restart', async () => {
      const alice = await store.create({ email: 'alice@example.com', passwordHash: BCRYPT_HASH });

      const restarted = await reopen(handle);
      await expect(restarted.findByEmail('alice@example.com')).resolves.toEqual(alice);
      await expect(
        rejectionOf(restarted.create({ email: 'alice@example.com', passwordHash: BCRYPT_HASH })),
      ).resolves.toBeInstanceOf(UserAlreadyExistsError);
    });

    it('fails closed with AuthStoreUnavailableError when the store is unreachable', async () => {
      await disconnect(handle);

      const errors = await rejectionsOf([
        store.findByEmail('alice@example.com'),
        store.findById('00000000-0000-4000-8000-000000000000'),
        store.create({ email: 'alice@example.com', passwordHash: BCRYPT_HASH }),
        store.updatePasswordHash('00000000-0000-4000-8000-000000000000', OTHER_HASH),
      ]);
      for (const error of errors) {
        expect(error).toBeInstanceOf(AuthStoreUnavailableError);
        expect(error).toMatchObject({ store: 'user store' });
      }
    });
  }
});
