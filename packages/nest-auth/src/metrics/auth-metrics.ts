import { Counter, Histogram, Registry } from 'prom-client';

export type LoginOutcome =
  'success' | 'invalid_credentials' | 'locked' | 'busy' | 'rate_limited' | 'store_unavailable';

/** A histogram series with its labels bound (`histogram.labels(...)`). */
export interface Observer {
  observe(value: number): void;
}

/**
 * The module's Prometheus metrics, on a registry of its own so that several apps in one process
 * (tests, a host with two modules) never collide. The host serves `registry` at `/metrics`.
 */
export class AuthMetrics {
  readonly registry = new Registry();

  readonly passwordVerifications = new Counter({
    name: 'auth_password_verifications_total',
    help: 'Password hash verifications run (including the dummy verification for unknown users).',
    registers: [this.registry],
  });

  readonly logins = new Counter({
    name: 'auth_logins_total',
    help: 'Login attempts by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly tokenRejections = new Counter({
    name: 'auth_token_rejections_total',
    help: 'Access or refresh tokens refused, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly lockouts = new Counter({
    name: 'auth_lockouts_total',
    help: 'Identifiers locked after too many failed logins.',
    registers: [this.registry],
  });

  readonly registrations = new Counter({
    name: 'auth_registrations_total',
    help: 'Accounts created.',
    registers: [this.registry],
  });

  readonly refreshes = new Counter({
    name: 'auth_token_refreshes_total',
    help: 'Refresh-token exchanges by outcome (reuse = a spent token presented again).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly revocations = new Counter({
    name: 'auth_token_revocations_total',
    help: 'Revocations by cause.',
    labelNames: ['cause'] as const,
    registers: [this.registry],
  });

  readonly authorizationDenials = new Counter({
    name: 'auth_authorization_denials_total',
    help: 'Authenticated requests refused with 403 by @Roles/@Permissions, by what was missing.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  /** Auth routes, from the request's arrival to the last byte of the answer (guards included). */
  readonly requestDuration = new Histogram({
    name: 'auth_http_request_duration_seconds',
    help: 'Latency of the auth routes, by route, method and status (guards and hashing included).',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** Bearer authentication of a protected request: signature, claims and the revocation lookup. */
  readonly tokenVerificationDuration = new Histogram({
    name: 'auth_token_verification_duration_seconds',
    help: 'Bearer token verification (signature, claims, blacklist lookup), by outcome.',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly storeErrors = new Counter({
    name: 'auth_store_errors_total',
    help: 'Requests refused because a store did not answer.',
    labelNames: ['store'] as const,
    registers: [this.registry],
  });
}
