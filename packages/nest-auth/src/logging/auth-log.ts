import { Logger } from '@nestjs/common';
import { debugWanted, logsStructured } from './app-log-style';

export type LogFields = Record<string, unknown>;

const describe = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * The module's logger: `(fields, message)` for a structured app logger (pino), the message
 * alone as one line under Nest's ConsoleLogger, and no debug there unless the app asked for it
 * (`app-log-style.ts`). Fields never hold a secret: callers name them.
 */
export class AuthLog {
  private readonly logger: Logger;

  constructor(context: string) {
    this.logger = new Logger(context);
  }

  log(message: string, fields: LogFields = {}): void {
    this.write('log', message, fields);
  }

  warn(message: string, fields: LogFields = {}): void {
    this.write('warn', message, fields);
  }

  debug(message: string, fields: LogFields = {}): void {
    if (debugWanted()) this.write('debug', message, fields);
  }

  /** `error` goes out as `err` (pino serialises its stack); as text, its message and stack. */
  error(message: string, error: unknown, fields: LogFields = {}): void {
    if (logsStructured()) return this.logger.error({ ...fields, err: error }, message);
    const stack = error instanceof Error ? error.stack : undefined;
    if (stack) this.logger.error(`${message}: ${describe(error)}`, stack);
    else this.logger.error(`${message}: ${describe(error)}`);
  }

  private write(level: 'log' | 'warn' | 'debug', message: string, fields: LogFields): void {
    if (logsStructured()) this.logger[level]({ ...fields }, message);
    else this.logger[level](message);
  }
}

/** `key=value` pairs for a text line, undefined ones left out, a value with spaces quoted. */
export function textFields(fields: LogFields): string {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const text = String(value);
      return `${key}=${/[\s"=]/.test(text) || text === '' ? JSON.stringify(text) : text}`;
    })
    .join(' ');
}
