import { ExpiringMap } from './expiring-map';

/** Values are expiry instants. */
const expiresAtMap = () => new ExpiringMap<number>((expiresAt, now) => expiresAt <= now);

describe('ExpiringMap', () => {
  it('reads an entry until its expiry and as absent from then on', () => {
    const map = expiresAtMap();
    map.set('a', 100, 0);

    expect(map.get('a', 99)).toBe(100);
    expect(map.get('a', 100)).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('sweep drops expired entries and keeps live ones', () => {
    const map = expiresAtMap();
    map.set('old', 10, 0);
    map.set('live', 1000, 0);

    map.sweep(500);

    expect(map.size).toBe(1);
    expect(map.get('live', 500)).toBe(1000);
  });

  it('drops expired entries by itself once it grows past its threshold', () => {
    const map = expiresAtMap();
    for (let i = 0; i < 10_000; i += 1) map.set(`k${i}`, 10, 0);

    map.set('new', 1000, 500);

    expect(map.size).toBe(1);
  });

  it('keeps every live entry when it grows with live entries', () => {
    const map = expiresAtMap();
    for (let i = 0; i < 25_000; i += 1) map.set(`k${i}`, 1000, 0);

    expect(map.size).toBe(25_000);
    expect(map.get('k0', 1)).toBe(1000);
  });
});
