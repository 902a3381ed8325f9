/**
 * How docs/reference/configuration.md and .env.example group the settings: one table per concern.
 * A section takes every setting whose camelCase path starts with one of its `paths`; a setting no
 * section takes stops the generator, so a new setting cannot go undocumented.
 */
export interface ConfigDocSection {
  title: string;
  /** Markdown under the title, before the table. */
  intro?: string;
  paths: string[];
}

export const CONFIG_DOC_SECTIONS: readonly ConfigDocSection[] = [
  {
    title: 'Environment and files',
    intro:
      '`LEX_CONFIG_FILE` names the YAML file (default: `config.yaml` when present; a file named here must exist).',
    paths: ['environment', 'secretKey'],
  },
  {
    title: 'Tokens',
    intro: 'See [keys, rotation and password hashing](../guides/key-rotation.md).',
    paths: ['token'],
  },
  {
    title: 'Lockout and login rate limit',
    paths: ['maxFailedAttempts', 'lockoutDurationSeconds', 'loginRateLimit'],
  },
  { title: 'Passwords', paths: ['password'] },
  { title: 'Stores', paths: ['store', 'redisUrl'] },
  {
    title: 'Sessions, roles and verified email',
    paths: ['maxSessionsPerUser', 'roles', 'defaultRoles', 'requireVerifiedEmail'],
  },
  {
    title: 'Mail, password reset and email verification',
    intro: 'See [recovery](../guides/recovery.md).',
    paths: ['passwordReset', 'emailVerification', 'mail'],
  },
  { title: 'Two-factor authentication', intro: 'See [MFA](../guides/mfa.md).', paths: ['mfa'] },
  { title: 'API keys', intro: 'See [API keys](../guides/api-keys.md).', paths: ['apiKeys'] },
  {
    title: 'OpenID Connect / OAuth 2.0 sign-in (OidcModule)',
    intro: 'See [OIDC sign-in](../guides/oidc.md). Read only when the host imports `OidcModule`.',
    paths: ['oidc'],
  },
  {
    title: 'Passkeys',
    intro:
      'See [passkeys](../guides/passkeys.md). They take effect where the host imports `PasskeysModule`.',
    paths: ['passkeys'],
  },
];
