import { logsStructured } from './app-log-style';
import { AuthLog, type LogFields, textFields } from './auth-log';

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
 * Writes one line per auth decision at debug level: the fields as an object for a structured
 * logger (pino), `auth login: failure reason=invalid_credentials identifier=…` as text under
 * Nest's ConsoleLogger. The fields are named in `AuthDecision`, so no caller can pass a secret
 * through by accident.
 */
export class AuthDecisionLogger {
  private readonly log = new AuthLog('Auth');

  decision(decision: AuthDecision): void {
    const { event, outcome, ...details } = decision;
    const message = `auth ${event}: ${outcome}`;
    this.log.debug(this.line(message, details), { ...decision });
  }

  warn(message: string, fields: Record<string, string | number | undefined> = {}): void {
    this.log.warn(this.line(message, fields), fields);
  }

  error(message: string, error: unknown): void {
    this.log.error(message, error);
  }

  /** The message, and as text the fields after it (a structured logger gets them apart). */
  private line(message: string, fields: LogFields): string {
    if (logsStructured()) return message;
    const pairs = textFields(fields);
    return pairs ? `${message} ${pairs}` : message;
  }
}
