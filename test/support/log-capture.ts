import { Logger } from '@nestjs/common';

const LEVELS = ['log', 'warn', 'error', 'debug', 'verbose'] as const;

/** What the Nest loggers were given while a capture ran. */
export interface LogCapture {
  /** The arguments of every call at `level`, in order. */
  calls(level: (typeof LEVELS)[number]): unknown[][];
  /** Every call at every level as one JSON text, to search for something that must not be there. */
  text(): string;
  restore(): void;
}

/**
 * Records (and still prints) every Nest log call, instance and static, so a test can prove a
 * secret never reached the log.
 */
export function captureLogs(): LogCapture {
  const spies = LEVELS.map((level) => ({
    level,
    spies: [Logger.prototype, Logger].map((target) => jest.spyOn(target, level as never)),
  }));
  const calls = (level: (typeof LEVELS)[number]) =>
    spies
      .filter((s) => s.level === level)
      .flatMap((s) => s.spies.flatMap((spy) => spy.mock.calls as unknown[][]));
  return {
    calls,
    text: () => JSON.stringify(LEVELS.flatMap(calls)),
    restore: () => spies.forEach((s) => s.spies.forEach((spy) => spy.mockRestore())),
  };
}
