import { AuthStoreUnavailableError } from '../errors/auth.errors';

/** How a mail job that failed on a store outage is tried again. */
export interface MailRetryPolicy {
  /** Pause before the second try; each later pause doubles. @default 1000 */
  firstDelayMs: number;
  /** Longest pause between tries. @default 30000 */
  maxDelayMs: number;
  /** No try starts later than this after the first one; then the job is given up. @default 300000 */
  giveUpAfterMs: number;
}

export const DEFAULT_MAIL_RETRY: MailRetryPolicy = {
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  giveUpAfterMs: 300_000,
};

/**
 * Only a store outage (the database or Redis did not answer) is worth another try: the job sent
 * nothing yet, and the store comes back. An SMTP refusal or a bug fails the same way again, and
 * a retried SMTP timeout could deliver the message twice.
 */
export function isRetryable(error: unknown): boolean {
  return error instanceof AuthStoreUnavailableError;
}

/**
 * The pause before try number `nextTry` (2 for the first retry) of a job first tried at
 * `firstTriedAt`, or `null` when that try would start past the policy's bound.
 */
export function retryDelayMs(
  policy: MailRetryPolicy,
  nextTry: number,
  firstTriedAt: number,
  now: number,
): number | null {
  const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (nextTry - 2));
  return now + delay - firstTriedAt > policy.giveUpAfterMs ? null : delay;
}
