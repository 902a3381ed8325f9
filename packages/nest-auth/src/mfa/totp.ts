import { HOTP, Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults every authenticator app reads: SHA-1, 6 digits, 30 s steps. */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
const ALGORITHM = 'SHA1';
/** RFC 4226 §4 asks for at least 128 bits; 160 bits is the length of a SHA-1 block key. */
const SECRET_BYTES = 20;
/** Codes of the step before and after the current one are accepted (clock drift). */
export const TOTP_WINDOW_STEPS = 1;

/** A fresh random secret, in base32 (what authenticator apps take). */
export function generateTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The `otpauth://totp/…` URI an authenticator app scans as a QR code. */
export function totpUri(secretBase32: string, issuer: string, account: string): string {
  return totpFor(secretBase32, issuer, account).toString();
}

/** The time step (RFC 6238 `T`) of an instant in epoch ms. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of a given step. */
export function totpCodeAt(secretBase32: string, step: number): string {
  return hotpFor(secretBase32).generate({ counter: step });
}

/**
 * The step `code` belongs to, within ±1 step of `nowMs` and after `lastUsedStep`, or null.
 * Earliest step first, so a code that would match two steps spends the older one.
 */
export function matchTotpStep(
  secretBase32: string,
  code: string,
  nowMs: number,
  lastUsedStep: number | null,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const hotp = hotpFor(secretBase32);
  const current = totpStep(nowMs);
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    // otpauth compares in constant time.
    if (hotp.validate({ token: code, counter: step, window: 0 }) === 0) return step;
  }
  return null;
}

function totpFor(secretBase32: string, issuer: string, label: string): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

function hotpFor(secretBase32: string): HOTP {
  return new HOTP({
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    secret: Secret.fromBase32(secretBase32),
  });
}
