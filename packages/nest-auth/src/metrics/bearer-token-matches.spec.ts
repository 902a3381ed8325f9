import { bearerTokenMatches } from './bearer-token-matches';

describe('bearerTokenMatches', () => {
  const token = 'scrape-token-0123456789';

  it('accepts the exact bearer token, scheme in any case', () => {
    expect(bearerTokenMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerTokenMatches(`bearer ${token}`, token)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['another token', 'Bearer scrape-token-0123456780'],
    ['a prefix of it', 'Bearer scrape-token'],
    ['basic auth', `Basic ${token}`],
    ['an empty bearer', 'Bearer '],
  ])('refuses %s', (_, header) => {
    expect(bearerTokenMatches(header, token)).toBe(false);
  });
});
