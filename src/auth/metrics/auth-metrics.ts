import { Counter, Registry } from 'prom-client';

export type LoginOutcome =
  'success' | 'invalid_credentials' | 'locked' | 'rate_limited' | 'store_unavailable';

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

  readonly storeErrors = new Counter({
    name: 'auth_store_errors_total',
    help: 'Requests refused because a store did not answer.',
    labelNames: ['store'] as const,
    registers: [this.registry],
  });
}
