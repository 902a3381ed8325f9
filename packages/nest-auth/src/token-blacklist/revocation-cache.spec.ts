import { RevocationCache } from './revocation-cache';

const NOW = 1_000_000;
const token = (ids: string[], issuedAtMs = NOW, userId = 'user-1') => ({ ids, userId, issuedAtMs });

describe('RevocationCache', () => {
  let cache: RevocationCache;

  beforeEach(() => {
    cache = new RevocationCache();
  });

  it('revokes a token when any of its ids is revoked, until the expiry', () => {
    cache.revokeId('sid-1', NOW + 100, NOW);

    expect(cache.isRevoked(token(['jti-1', 'sid-1']), NOW)).toBe(true);
    expect(cache.isRevoked(token(['jti-1']), NOW)).toBe(false);
    expect(cache.isRevoked(token(['sid-1']), NOW + 99)).toBe(true);
    expect(cache.isRevoked(token(['sid-1']), NOW + 100)).toBe(false);
  });

  it('keeps the later expiry of an id whatever order the changes come in', () => {
    cache.revokeId('jti-1', NOW + 200, NOW);
    cache.revokeId('jti-1', NOW + 100, NOW);

    expect(cache.isRevoked(token(['jti-1']), NOW + 150)).toBe(true);
  });

  it('ignores a change that has already expired', () => {
    cache.revokeId('jti-1', NOW, NOW);
    cache.revokeUser('user-1', NOW, NOW - 1, NOW);

    expect(cache.size).toBe(0);
  });

  it('merges user instants and expiries upwards, in any order', () => {
    cache.revokeUser('user-1', NOW + 10, NOW + 100, NOW);
    cache.revokeUser('user-1', NOW - 10, NOW + 300, NOW);

    expect(cache.isRevoked(token(['a'], NOW + 10), NOW + 200)).toBe(true);
    expect(cache.isRevoked(token(['a'], NOW + 11), NOW)).toBe(false);
    expect(cache.isRevoked(token(['a'], NOW), NOW + 300)).toBe(false);
  });

  it('replaces an expired user entry outright, as the Redis script does', () => {
    cache.revokeUser('user-1', NOW + 50, NOW + 100, NOW);
    cache.revokeUser('user-1', NOW + 20, NOW + 400, NOW + 200);

    expect(cache.isRevoked(token(['a'], NOW + 30), NOW + 200)).toBe(false);
    expect(cache.isRevoked(token(['a'], NOW + 20), NOW + 200)).toBe(true);
  });

  it('compares whole milliseconds of the issue instant, as the stores do', () => {
    cache.revokeUser('user-1', NOW, NOW + 100, NOW);

    expect(cache.isRevoked(token(['a'], NOW + 0.7), NOW)).toBe(true);
  });

  it('leaves other users alone', () => {
    cache.revokeUser('user-1', NOW, NOW + 100, NOW);

    expect(cache.isRevoked(token(['a'], NOW, 'user-2'), NOW)).toBe(false);
  });

  it('drops expired entries on sweep', () => {
    cache.revokeId('jti-1', NOW + 100, NOW);
    cache.revokeId('jti-2', NOW + 300, NOW);
    cache.revokeUser('user-1', NOW, NOW + 100, NOW);

    cache.sweep(NOW + 200);
    expect(cache.size).toBe(1);
  });
});
