import {
  generateRecoveryCode,
  generateRecoveryCodes,
  hashRecoveryCode,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
} from './recovery-codes';

describe('recovery codes', () => {
  it('gives 10 distinct codes of four groups of four base32 characters (80 bits)', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes)
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
  });

  it('reads a typed code whatever its case, spacing and dashes, and look-alike letters', () => {
    const code = generateRecoveryCode();
    const canonical = code.replace(/-/g, '');
    expect(normalizeRecoveryCode(code)).toBe(canonical);
    expect(normalizeRecoveryCode(` ${code.toUpperCase().replace(/-/g, ' ')} `)).toBe(canonical);
    expect(normalizeRecoveryCode('0000-1111-0000-1111')).toBe(
      normalizeRecoveryCode('oooo-iiii-OOOO-llll'),
    );
  });

  it('refuses what cannot be a code', () => {
    for (const bad of ['', '123456', 'uuuu-uuuu-uuuu-uuuu', 'abcd-efgh-jkmn-pqrs-t']) {
      expect(normalizeRecoveryCode(bad)).toBeNull();
    }
  });

  it('hashes with SHA-256 (hex)', () => {
    expect(hashRecoveryCode('0123456789abcdef')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode('0123456789abcdef')).not.toBe(hashRecoveryCode('0123456789abcdeg'));
  });
});
