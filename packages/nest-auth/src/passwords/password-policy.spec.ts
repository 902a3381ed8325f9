import type { PasswordSettings } from '../settings/auth-settings';
import { DEFAULT_PASSWORD_SETTINGS } from '../settings/password-settings.schema';
import { PasswordPolicyError } from '../errors/auth.errors';
import { isCommonPassword } from './common-passwords';
import { PasswordPolicy } from './password-policy';

const DEFAULTS: PasswordSettings = { ...DEFAULT_PASSWORD_SETTINGS, rounds: 4 };

const policyWith = (settings: Partial<PasswordSettings> = {}) =>
  new PasswordPolicy({ ...DEFAULTS, ...settings });

const rulesBroken = (policy: PasswordPolicy, password: string, email?: string) =>
  policy.violations(password, { email }).map((v) => v.rule);

const PASSPHRASE = 'correct horse battery staple';

describe('PasswordPolicy', () => {
  it('accepts a long passphrase with the default settings (no composition rules)', () => {
    const policy = policyWith();

    expect(policy.violations(PASSPHRASE)).toEqual([]);
    expect(policy.isValid(PASSPHRASE)).toBe(true);
  });

  describe('min_length', () => {
    it('refuses a password one character short and accepts one at the minimum', () => {
      const policy = policyWith({ minLength: 12 });

      expect(rulesBroken(policy, 'tangerinezo')).toEqual(['min_length']);
      expect(rulesBroken(policy, 'tangerinezoo')).toEqual([]);
    });

    it('counts Unicode code points, not UTF-16 units: six emoji are six characters', () => {
      const policy = policyWith({ minLength: 12 });
      const sixEmoji = '😀🎸🌵🚀🍕🐙'; // .length is 12

      expect(rulesBroken(policy, sixEmoji)).toEqual(['min_length']);
      expect(rulesBroken(policy, sixEmoji + sixEmoji)).toEqual([]);
    });

    it('says how many characters are needed', () => {
      const [found] = policyWith({ minLength: 15 }).violations('short');

      expect(found).toEqual({
        rule: 'min_length',
        message: expect.stringContaining('15') as string,
      });
    });
  });

  describe('max_length', () => {
    it('refuses a password one character over the maximum and accepts one at it', () => {
      const policy = policyWith({ minLength: 1, maxLength: 20 });

      expect(rulesBroken(policy, 'x'.repeat(20) + 'y')).toEqual(['max_length']);
      expect(rulesBroken(policy, 'x'.repeat(19) + 'y')).toEqual([]);
    });

    it('counts code points: twelve emoji fit a 12-character maximum', () => {
      const policy = policyWith({ minLength: 1, maxLength: 12 });

      expect(rulesBroken(policy, '😀🎸🌵🚀🍕🐙😀🎸🌵🚀🍕🐙')).toEqual([]);
    });
  });

  describe('max_bytes (bcrypt only)', () => {
    const euros = (n: number) => '€'.repeat(n); // 3 bytes of UTF-8 each

    it('refuses 25 × "€" (75 bytes) with bcrypt although it is only 25 characters', () => {
      expect(rulesBroken(policyWith(), euros(25))).toEqual(['max_bytes']);
    });

    it('accepts 24 × "€" (exactly 72 bytes)', () => {
      expect(rulesBroken(policyWith(), euros(24))).toEqual([]);
    });

    it('does not apply to argon2id, which reads the whole password', () => {
      expect(rulesBroken(policyWith({ algorithm: 'argon2id' }), euros(25))).toEqual([]);
    });
  });

  describe('control_characters', () => {
    it.each([
      ['a tab', 'correct horse\tbattery'],
      ['a newline', 'correct horse\nbattery'],
      ['a NUL', 'correct horse\u0000battery'],
      ['DEL', 'correct horse\u007fbattery'],
      ['a C1 control', 'correct horse\u0085battery'],
    ])('refuses %s', (_what, password) => {
      expect(rulesBroken(policyWith(), password)).toEqual(['control_characters']);
    });
  });

  describe.each([
    ['require_uppercase', 'requireUppercase', 'correct horse battery', 'correct Horse battery'],
    [
      'require_uppercase (non-ASCII)',
      'requireUppercase',
      'ørsted horse battery',
      'Ørsted horse battery',
    ],
    ['require_lowercase', 'requireLowercase', 'CORRECT HORSE BATTERY', 'CORRECT HORSe BATTERY'],
    ['require_digits', 'requireDigits', 'correct horse battery', 'correct horse battery 9'],
    ['require_special', 'requireSpecial', 'correcthorsebattery', 'correcthorse!battery'],
  ] as const)('%s', (label, setting, lacking, having) => {
    const rule = label.split(' ')[0];

    it('refuses a password without the character class when on', () => {
      expect(rulesBroken(policyWith({ [setting]: true }), lacking)).toEqual([rule]);
    });

    it('accepts a password with the character class when on', () => {
      expect(rulesBroken(policyWith({ [setting]: true }), having)).toEqual([]);
    });

    it('does not apply when off', () => {
      expect(rulesBroken(policyWith({ [setting]: false }), lacking)).toEqual([]);
    });
  });

  it('counts a space as a special character', () => {
    expect(rulesBroken(policyWith({ requireSpecial: true }), PASSPHRASE)).toEqual([]);
  });

  describe('common_password', () => {
    it('uses a real entry of the common-password list', () => {
      expect(isCommonPassword('password1234')).toBe(true);
      expect(isCommonPassword('correct horse battery staple')).toBe(false);
    });

    it.each(['password1234', 'PassWord1234', 'PASSWORD1234'])(
      'refuses %p whatever its case',
      (password) => {
        expect(rulesBroken(policyWith(), password)).toEqual(['common_password']);
      },
    );

    it('refuses a common password typed in full-width characters (checked after NFKC)', () => {
      expect(rulesBroken(policyWith(), 'ｐａｓｓｗｏｒｄ１２３４')).toEqual(['common_password']);
    });

    it('is always on, even with every optional rule off', () => {
      expect(policyWith({ bannedPatterns: [] }).isValid('password1234')).toBe(false);
    });
  });

  describe('banned_pattern', () => {
    it('refuses a password matching a banned pattern, case-insensitively', () => {
      const policy = policyWith({ bannedPatterns: ['acme', '^summer\\d'] });

      expect(rulesBroken(policy, 'ACME rocket launch pad')).toEqual(['banned_pattern']);
      expect(rulesBroken(policy, 'my AcMe rocket launch')).toEqual(['banned_pattern']);
      expect(rulesBroken(policy, 'Summer2 is the best season')).toEqual(['banned_pattern']);
    });

    it('accepts a password matching none of the patterns', () => {
      const policy = policyWith({ bannedPatterns: ['acme', '^summer\\d'] });

      expect(rulesBroken(policy, 'a summer2 rocket launch')).toEqual([]);
    });

    it('gives the same answer on repeated calls (patterns keep no state between tests)', () => {
      const policy = policyWith({ bannedPatterns: ['acme'] });

      expect([1, 2, 3].map(() => policy.isValid('acme rocket launch'))).toEqual([
        false,
        false,
        false,
      ]);
    });
  });

  describe('contains_identifier', () => {
    it('refuses a password containing the local part of the email, case-insensitively', () => {
      const policy = policyWith();

      expect(rulesBroken(policy, 'alice.smith rocks hard', 'alice.smith@example.com')).toEqual([
        'contains_identifier',
      ]);
      expect(rulesBroken(policy, 'I am ALICE.SMITH truly', 'alice.smith@example.com')).toEqual([
        'contains_identifier',
      ]);
    });

    it('does not apply without an email', () => {
      expect(rulesBroken(policyWith(), 'alice.smith rocks hard')).toEqual([]);
    });

    it('ignores a local part shorter than three characters', () => {
      expect(rulesBroken(policyWith(), 'al is a real rock star', 'al@example.com')).toEqual([]);
    });
  });

  describe('validate', () => {
    it('throws a PasswordPolicyError listing every broken rule, not just the first', () => {
      const policy = policyWith({
        minLength: 12,
        requireUppercase: true,
        requireDigits: true,
        requireSpecial: true,
        bannedPatterns: ['pass'],
      });

      let thrown: unknown;
      try {
        policy.validate('password', { email: 'password@example.com' });
      } catch (error) {
        thrown = error;
      }

      expect(thrown).toBeInstanceOf(PasswordPolicyError);
      const error = thrown as PasswordPolicyError;
      expect(error.status).toBe(422);
      expect(error.violations.map((v) => v.rule)).toEqual([
        'min_length',
        'require_uppercase',
        'require_digits',
        'require_special',
        'common_password',
        'banned_pattern',
        'contains_identifier',
      ]);
      for (const v of error.violations) expect(error.message).toContain(v.message);
    });

    it('returns quietly for an acceptable password', () => {
      expect(() => policyWith().validate(PASSPHRASE, { email: 'bob@example.com' })).not.toThrow();
    });
  });

  describe('isValid', () => {
    it('is false when any rule is broken and true otherwise', () => {
      const policy = policyWith();

      expect(policy.isValid('short')).toBe(false);
      expect(policy.isValid(PASSPHRASE)).toBe(true);
    });

    it('applies the context too', () => {
      expect(policyWith().isValid('carol rocks the house', { email: 'carol@example.com' })).toBe(
        false,
      );
    });
  });
});
