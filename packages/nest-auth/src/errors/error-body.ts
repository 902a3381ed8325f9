import type { PolicyViolation } from './auth.errors';

/** The one shape of every error response, so a client parses every failure the same way. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  retryAfter?: number;
  violations?: PolicyViolation[];
  /** MfaRequiredError only: the challenge to complete with `POST /auth/mfa/verify`. */
  mfaChallenge?: string;
  /** MfaRequiredError only: the second factors the user can answer with (`totp`, `passkey`). */
  methods?: string[];
}

/** An error body plus the headers that go with it. */
export interface ErrorResponse {
  body: ErrorBody;
  headers: Record<string, string>;
}
