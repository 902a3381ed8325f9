import { Secret, TOTP } from 'otpauth';
import { matchTotpStep, totpCodeAt, totpStep, totpUri } from './totp';

// RFC 6238 Appendix B, SHA-1 rows: seed "12345678901234567890" (ASCII), 8 digits, T0 = 0, X = 30.
const RFC_SECRET = Secret.fromUTF8('12345678901234567890').base32;
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('the library gives the Appendix B code at T = %i s', (seconds, code) => {
    const totp = new TOTP({ secret: RFC_SECRET, algorithm: 'SHA1', digits: 8, period: 30 });
    expect(totp.generate({ timestamp: seconds * 1000 })).toBe(code);
  });

  it.each(RFC_VECTORS)('our 6-digit codes are the vector truncated (T = %i s)', (seconds, code) => {
    // RFC 4226 §5.3: the code is the dynamic binary code mod 10^digits.
    const step = totpStep(seconds * 1000);
    expect(totpCodeAt(RFC_SECRET, step)).toBe(code.slice(-6));
    expect(matchTotpStep(RFC_SECRET, code.slice(-6), seconds * 1000, null)).toBe(step);
  });

  describe('matchTotpStep', () => {
    const now = 1_111_111_111_000;
    const current = totpStep(now);

    it('accepts the steps before and after the current one, not two away', () => {
      for (const offset of [-1, 0, 1]) {
        const code = totpCodeAt(RFC_SECRET, current + offset);
        expect(matchTotpStep(RFC_SECRET, code, now, null)).toBe(current + offset);
      }
      for (const offset of [-2, 2]) {
        const code = totpCodeAt(RFC_SECRET, current + offset);
        expect(matchTotpStep(RFC_SECRET, code, now, null)).toBeNull();
      }
    });

    it('refuses a code of the last used step or an earlier one (replay)', () => {
      const code = totpCodeAt(RFC_SECRET, current);
      expect(matchTotpStep(RFC_SECRET, code, now, current)).toBeNull();
      expect(matchTotpStep(RFC_SECRET, code, now, current + 1)).toBeNull();
      expect(matchTotpStep(RFC_SECRET, code, now, current - 1)).toBe(current);
    });

    it('refuses anything but six digits', () => {
      const code = totpCodeAt(RFC_SECRET, current);
      for (const bad of ['', `${code}0`, code.slice(1), 'abcdef', ` ${code}`]) {
        expect(matchTotpStep(RFC_SECRET, bad, now, null)).toBeNull();
      }
    });
  });

  it('builds the otpauth URI authenticator apps scan', () => {
    const uri = new URL(totpUri(RFC_SECRET, 'Lexigram', 'alice@example.com'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Lexigram:alice@example.com');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: 'Lexigram',
      secret: RFC_SECRET,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
