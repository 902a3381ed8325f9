import type { ConfigProblem } from './auth-configuration.error';
import { DEFAULT_SECRET_KEY, type AuthSettings } from './auth-settings';
import { oidcDeployedProblems } from './oidc-environment-checks';
import { passkeyDeploymentProblems } from './passkey-checks';

// RFC 7518 §3.2: an HMAC key must be at least as long as the hash output.
const HMAC_MIN_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 };

const MAKE_SECRET =
  `Generate one with: openssl rand -hex 32 ` +
  `(or node -e "console.log(require('crypto').randomBytes(32).toString('hex'))"), ` +
  'or switch to RS256 for asymmetric keys.';

/** What the host supplies beside the settings, which some checks depend on. */
export interface DeploymentExtras {
  /** The host passed its own `mailer`, so no SMTP server needs configuring. */
  hostMailer?: boolean;
}

/**
 * The settings staging and production refuse to boot with: every problem at once, each naming
 * the variable to set.
 */
export function deployedEnvironmentProblems(
  settings: AuthSettings,
  extras: DeploymentExtras = {},
): ConfigProblem[] {
  if (settings.environment !== 'staging' && settings.environment !== 'production') return [];
  const problems: ConfigProblem[] = [];
  const { token } = settings;
  const stage = settings.environment.toUpperCase();
  const minBytes = HMAC_MIN_BYTES[token.algorithm];

  if (minBytes !== undefined && token.secretKey === DEFAULT_SECRET_KEY) {
    problems.push({
      variable: 'LEX_AUTH__TOKEN__SECRET_KEY',
      message:
        `CRITICAL SECURITY ERROR: Default JWT secret_key detected in ${stage}. ` +
        'You MUST set a secure secret key via LEX_AUTH__TOKEN__SECRET_KEY.',
    });
  } else if (minBytes !== undefined && Buffer.byteLength(token.secretKey, 'utf8') < minBytes) {
    problems.push({
      variable: 'LEX_AUTH__TOKEN__SECRET_KEY',
      message: `${token.algorithm} requires a secret of at least ${minBytes} bytes. ${MAKE_SECRET}`,
    });
  }
  if (minBytes === undefined) {
    for (const [field, variable] of [
      ['privateKey', 'LEX_AUTH__TOKEN__PRIVATE_KEY'],
      ['publicKey', 'LEX_AUTH__TOKEN__PUBLIC_KEY'],
    ] as const) {
      if (!token[field]) {
        problems.push({
          variable,
          message: `${token.algorithm} needs a PEM key (text or file path); none is set.`,
        });
      }
    }
  }
  const mailing = [
    settings.passwordReset.enabled && 'password reset (LEX_AUTH__PASSWORD_RESET__ENABLED=false)',
    settings.emailVerification.enabled &&
      'email verification (LEX_AUTH__EMAIL_VERIFICATION__ENABLED=false)',
  ].filter((feature): feature is string => typeof feature === 'string');
  if (mailing.length > 0 && !settings.mail.smtpUrl && !extras.hostMailer) {
    // The development outbox writes reset and verification links, which are credentials, to the log.
    problems.push({
      variable: 'SMTP_URL',
      message:
        `${stage} needs a mail server for ${mailing.map((f) => f.split(' (')[0]).join(' and ')}: ` +
        'set SMTP_URL=smtps://user:password@mail.example.com:465 (or smtp://…:587 with STARTTLS), ' +
        `or switch off ${mailing.join(' and ')}. Without it the links would go to the log.`,
    });
  }
  problems.push(...oidcDeployedProblems(settings.oidc));
  problems.push(...passkeyDeploymentProblems(settings.passkeys, stage));
  return problems;
}
