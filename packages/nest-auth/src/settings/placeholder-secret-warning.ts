import { DEFAULT_SECRET_KEY, type AuthSettings } from './auth-settings';

/**
 * The warning for a development boot on the built-in placeholder secret, which is public (it is
 * in this package's source): anyone can sign tokens this server accepts, or decrypt the MFA
 * secrets it stores. Staging and production refuse it; `test` stays quiet, where it is expected
 * and a warning per test app would bury the test output.
 * @returns null when no placeholder is in use, or outside development
 */
export function placeholderSecretWarning(settings: AuthSettings): string | null {
  if (settings.environment !== 'development') return null;
  const { token } = settings;
  const signsWithIt = token.algorithm.startsWith('HS') && token.secretKey === DEFAULT_SECRET_KEY;
  if (!signsWithIt && settings.secretKey !== DEFAULT_SECRET_KEY) return null;
  const uses = [
    signsWithIt && 'signs tokens',
    settings.secretKey === DEFAULT_SECRET_KEY && 'encrypts MFA secrets',
  ]
    .filter(Boolean)
    .join(' and ');
  return (
    `SECURITY WARNING: this server ${uses} with the public development placeholder secret ` +
    '(LEX_AUTH__SECRET_KEY / LEX_AUTH__TOKEN__SECRET_KEY not set). Anyone who has read the ' +
    'source can forge tokens for any user. Fine on a developer machine only; staging and ' +
    'production refuse to start with it. Make a secret with `openssl rand -hex 32` and set ' +
    'LEX_AUTH__SECRET_KEY to it (or LEX_AUTH__TOKEN__SECRET_KEY for the tokens alone).'
  );
}
