import { apiKeyMatches, generateApiKey, hashApiKey, lookupPrefixOf } from './api-key-format';

describe('API key format', () => {
  it('generates lex_<8 base32 chars>_<43 base64url chars> with its prefix and SHA-256', () => {
    const { key, prefix, hash } = generateApiKey();

    expect(key).toMatch(/^lex_[a-z2-7]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key.slice(4, 12)).toBe(prefix);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiKey(key));
  });

  it('never generates the same key or prefix twice in 1000 draws', () => {
    const keys = Array.from({ length: 1000 }, () => generateApiKey());

    expect(new Set(keys.map((k) => k.key)).size).toBe(1000);
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(1000);
  });

  it('reads the lookup prefix of a well-formed key, even when the secret holds "_"', () => {
    const key = `lex_abcdefgh_${'_'.repeat(43)}`;

    expect(lookupPrefixOf(key)).toBe('abcdefgh');
  });

  it.each([
    '',
    'lex_',
    'lex_abcdefgh',
    `lex_ABCDEFGH_${'a'.repeat(43)}`,
    `lex_abcdefg_${'a'.repeat(44)}`,
    `lex_abcdefgh_${'a'.repeat(42)}`,
    `lex_abcdefgh_${'a'.repeat(44)}`,
    `pat_abcdefgh_${'a'.repeat(43)}`,
    `lex_abcdefgh_${'a'.repeat(42)}=`,
    ` lex_abcdefgh_${'a'.repeat(43)}`,
  ])('refuses the malformed key %p', (key) => {
    expect(lookupPrefixOf(key)).toBeNull();
  });

  it('matches a key against its own hash only', () => {
    const a = generateApiKey();
    const b = generateApiKey();

    expect(apiKeyMatches(a.key, a.hash)).toBe(true);
    expect(apiKeyMatches(b.key, a.hash)).toBe(false);
    expect(apiKeyMatches(a.key, 'not-hex')).toBe(false);
  });
});
