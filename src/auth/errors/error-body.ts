import type { PolicyViolation } from './auth.errors';

/** The one shape of every error response (DESIGN §3). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  retryAfter?: number;
  violations?: PolicyViolation[];
}

/** An error body plus the headers that go with it. */
export interface ErrorResponse {
  body: ErrorBody;
  headers: Record<string, string>;
}
