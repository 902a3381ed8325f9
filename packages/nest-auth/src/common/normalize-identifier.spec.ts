import { normalizeIdentifier } from './normalize-identifier';

describe('normalizeIdentifier', () => {
  it('trims surrounding whitespace', () => {
    expect(normalizeIdentifier('  alice@example.com\t\n')).toBe('alice@example.com');
  });

  it('lower-cases', () => {
    expect(normalizeIdentifier('Alice@Example.COM')).toBe('alice@example.com');
  });

  it('turns full-width letters into their plain form (NFKC)', () => {
    expect(normalizeIdentifier('ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('alice@example.com');
  });

  it('turns full-width capitals into plain lower case', () => {
    expect(normalizeIdentifier('ＡＬＩＣＥ@example.com')).toBe('alice@example.com');
  });

  it('trims an ideographic space (U+3000) like an ASCII one', () => {
    expect(normalizeIdentifier('\u3000alice@example.com\u3000')).toBe('alice@example.com');
  });

  it('folds compatibility characters: a ligature and the Kelvin sign', () => {
    expect(normalizeIdentifier('ﬁnn@example.com')).toBe('finn@example.com');
    expect(normalizeIdentifier('\u212Aate@example.com')).toBe('kate@example.com');
  });

  it('composes a decomposed accent, so both spellings are one identifier', () => {
    expect(normalizeIdentifier('jose\u0301@example.com')).toBe(
      normalizeIdentifier('jos\u00e9@example.com'),
    );
  });

  it('keeps inner characters other than case and compatibility forms', () => {
    expect(normalizeIdentifier('first.last+tag@example.com')).toBe('first.last+tag@example.com');
  });

  it.each([
    ' Alice@Example.COM ',
    'ＡＬＩＣＥ＠ＥＸＡＭＰＬＥ．ＣＯＭ',
    '\u3000Bob@example.com',
    'İstanbul@example.com',
    'STRASSE@example.com',
    '\u212Aate@example.com',
    'Ⅻ@example.com',
  ])('is idempotent for %p', (identifier) => {
    const once = normalizeIdentifier(identifier);

    expect(normalizeIdentifier(once)).toBe(once);
  });
});
