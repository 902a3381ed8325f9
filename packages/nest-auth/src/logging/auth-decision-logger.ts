import { Logger } from '@nestjs/common';

/** One auth decision, as logged at debug level. Never holds a password, token or hash. */
export interface AuthDecision {
  event: string;
  outcome: 'success' | 'failure' | 'refused';
  reason?: string;
  identifier?: string;
  userId?: string;
  attemptsLeft?: number;
}

/**
 * Writes one structured line per auth decision at debug level (`LOG_LEVEL=debug`). The fields are
 * named in `AuthDecision`, so no caller can pass a secret through by accident.
 */
export class AuthDecisionLogger {
  private readonly logger = new Logger('Auth');

  decision(decision: AuthDecision): void {
    this.logger.debug({ ...decision }, `auth ${decision.event}: ${decision.outcome}`);
  }

  warn(message: string, fields: Record<string, string | number | undefined> = {}): void {
    this.logger.warn({ ...fields }, message);
  }

  error(message: string, error: unknown): void {
    this.logger.error({ err: error }, message);
  }
}
