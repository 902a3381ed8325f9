import type { PasswordSettings } from '../settings/auth-settings';
import { PasswordPolicyError, type PolicyViolation } from '../errors/auth.errors';
import { isCommonPassword } from './common-passwords';
import { BCRYPT_MAX_BYTES, normalizePassword } from './normalize-password';

/** Facts about the account that a password must not repeat (NIST: context-specific words). */
export interface PasswordContext {
  email?: string;
}

type Rule = (password: string, context: PasswordContext) => PolicyViolation | null;

const violation = (rule: string, message: string): PolicyViolation => ({ rule, message });

/**
 * The password rules of `PasswordSettings`. Length counts characters (Unicode code points), as
 * NIST SP 800-63B asks; common passwords are always refused.
 */
export class PasswordPolicy {
  private readonly rules: Rule[];

  constructor(private readonly settings: PasswordSettings) {
    this.rules = this.buildRules();
  }

  /** Every rule `password` breaks; empty when it is acceptable. */
  violations(password: string, context: PasswordContext = {}): PolicyViolation[] {
    const normalized = normalizePassword(password);
    return this.rules.flatMap((rule) => rule(normalized, context) ?? []);
  }

  /** @throws PasswordPolicyError listing every broken rule */
  validate(password: string, context: PasswordContext = {}): void {
    const found = this.violations(password, context);
    if (found.length > 0) throw new PasswordPolicyError(found);
  }

  isValid(password: string, context: PasswordContext = {}): boolean {
    return this.violations(password, context).length === 0;
  }

  private buildRules(): Rule[] {
    const s = this.settings;
    const requireClass = (on: boolean, rule: string, pattern: RegExp, what: string): Rule[] =>
      on ? [(p) => (pattern.test(p) ? null : violation(rule, `Add at least one ${what}.`))] : [];
    const banned = s.bannedPatterns.map((p) => new RegExp(p, 'iu'));
    return [
      (p) =>
        [...p].length >= s.minLength
          ? null
          : violation('min_length', `Use at least ${s.minLength} characters.`),
      (p) =>
        [...p].length <= s.maxLength
          ? null
          : violation('max_length', `Use at most ${s.maxLength} characters.`),
      (p) =>
        s.algorithm !== 'bcrypt' || Buffer.byteLength(p, 'utf8') <= BCRYPT_MAX_BYTES
          ? null
          : violation(
              'max_bytes',
              `Use at most ${BCRYPT_MAX_BYTES} bytes of UTF-8 (bcrypt would ignore the rest).`,
            ),
      (p) =>
        /\p{Cc}/u.test(p) ? violation('control_characters', 'Remove control characters.') : null,
      ...requireClass(s.requireUppercase, 'require_uppercase', /\p{Lu}/u, 'upper-case letter'),
      ...requireClass(s.requireLowercase, 'require_lowercase', /\p{Ll}/u, 'lower-case letter'),
      ...requireClass(s.requireDigits, 'require_digits', /\p{Nd}/u, 'digit'),
      ...requireClass(s.requireSpecial, 'require_special', /[^\p{L}\p{Nd}]/u, 'symbol or space'),
      (p) =>
        isCommonPassword(p)
          ? violation('common_password', 'This password is too common; choose another.')
          : null,
      (p) =>
        banned.some((re) => re.test(p))
          ? violation('banned_pattern', 'This password matches a banned pattern.')
          : null,
      (p, ctx) => {
        const local = ctx.email?.split('@')[0] ?? '';
        return local.length >= 3 && p.toLowerCase().includes(local.toLowerCase())
          ? violation('contains_identifier', 'Do not include your email address in the password.')
          : null;
      },
    ];
  }
}
