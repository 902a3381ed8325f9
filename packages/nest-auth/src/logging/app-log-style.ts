import { ConsoleLogger, Logger, type LoggerService } from '@nestjs/common';

/** What every `new Logger(context)` writes through: the app's logger (`app.useLogger`, …). */
function appLogger(): LoggerService | undefined {
  return (Logger as unknown as { staticInstanceRef?: LoggerService }).staticInstanceRef;
}

const levelsOf = (logger: ConsoleLogger): unknown =>
  (logger as unknown as { options?: { logLevels?: unknown } }).options?.logLevels;

// A ConsoleLogger keeps this very array until the app names its levels (`logger: [...]`).
const NEST_DEFAULT_LEVELS = levelsOf(new ConsoleLogger());

/**
 * Whether the app logs objects (pino through nestjs-pino, or any logger that is not Nest's
 * ConsoleLogger): then a line is `(fields, message)`. Nest's ConsoleLogger prints an object as
 * `Object(4) {…}` and reads the message as the context, so it gets one text line instead.
 */
export function logsStructured(): boolean {
  const logger = appLogger();
  return logger !== undefined && !(logger instanceof ConsoleLogger);
}

/**
 * Whether debug lines are wanted. Nest's ConsoleLogger prints debug unless told otherwise, so
 * under it the module writes debug only once the app chose its levels and kept `debug`; any
 * other logger applies its own level (pino's `LOG_LEVEL`).
 */
export function debugWanted(): boolean {
  const logger = appLogger();
  if (!(logger instanceof ConsoleLogger)) return true;
  return levelsOf(logger) !== NEST_DEFAULT_LEVELS && Logger.isLevelEnabled('debug');
}
