import type { OidcClaimMapping } from '../settings/oidc-settings';

/** Who the provider says signed in, read through the provider's claim mapping. */
export interface ExternalProfile {
  issuer: string;
  subject: string;
  email: string | null;
  /** True only when the provider vouches for the email. */
  emailVerified: boolean;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== ''
    ? value
    : typeof value === 'number' && Number.isSafeInteger(value)
      ? String(value)
      : null;

/** Reads subject, email and email_verified from claims; null when there is no subject. */
export function profileOf(
  issuer: string,
  claims: Record<string, unknown>,
  mapping: OidcClaimMapping,
): ExternalProfile | null {
  const subject = text(claims[mapping.subject]);
  if (!subject) return null;
  const email = text(claims[mapping.email]);
  // Some providers send "true" as a string; nothing but a true value counts.
  const verified = mapping.emailVerified ? claims[mapping.emailVerified] : false;
  return {
    issuer,
    subject,
    email,
    emailVerified: email !== null && (verified === true || verified === 'true'),
  };
}
