import { ConsoleLogger, Logger, type LogLevel } from '@nestjs/common';
import { AuthDecisionLogger } from './auth-decision-logger';

/** Nest's ConsoleLogger as an app uses it, printing into `lines` instead of the terminal. */
function captureConsoleLogger(levels?: LogLevel[]) {
  const lines: string[] = [];
  const write = (chunk: string | Uint8Array) => (lines.push(String(chunk)), true);
  jest.spyOn(process.stdout, 'write').mockImplementation(write);
  jest.spyOn(process.stderr, 'write').mockImplementation(write);
  const logger = new ConsoleLogger({ colors: false });
  Logger.overrideLogger(logger);
  if (levels) Logger.overrideLogger(levels);
  return lines;
}

const FAILED_LOGIN = {
  event: 'login',
  outcome: 'failure',
  reason: 'invalid_credentials',
  identifier: 'ada@example.com',
  attemptsLeft: 4,
} as const;

describe('AuthDecisionLogger', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    Logger.overrideLogger(new ConsoleLogger());
  });

  describe("under Nest's ConsoleLogger", () => {
    it('prints no decision with the default levels (debug is off unless the app asks)', () => {
      const lines = captureConsoleLogger();

      new AuthDecisionLogger().decision(FAILED_LOGIN);

      expect(lines).toEqual([]);
    });

    it('prints one readable line per decision once the app enables debug', () => {
      const lines = captureConsoleLogger(['log', 'warn', 'error', 'debug']);

      new AuthDecisionLogger().decision(FAILED_LOGIN);

      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /DEBUG \[Auth\] auth login: failure reason=invalid_credentials identifier=ada@example\.com attemptsLeft=4\n$/,
      );
      expect(lines[0]).not.toContain('Object(');
    });

    it('leaves debug off when the app names levels without it', () => {
      const lines = captureConsoleLogger(['log', 'warn', 'error']);

      new AuthDecisionLogger().decision(FAILED_LOGIN);

      expect(lines).toEqual([]);
    });

    it('prints a warning as one line with its fields, quoting a value with spaces', () => {
      const lines = captureConsoleLogger();

      new AuthDecisionLogger().warn('passkey signature counter did not grow', {
        userId: 'u-1',
        detail: 'stored 5, got 3',
      });

      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /WARN \[Auth\] passkey signature counter did not grow userId=u-1 detail="stored 5, got 3"\n$/,
      );
    });

    it('prints an error as its message, then its stack', () => {
      const lines = captureConsoleLogger();
      const error = new Error('connection reset');

      new AuthDecisionLogger().error('re-hash error', error);

      expect(lines.join('')).toMatch(/ERROR \[Auth\] re-hash error: connection reset\n/);
      expect(lines.join('')).toContain(error.stack!);
      expect(lines.join('')).not.toContain('Object(');
    });
  });

  describe('under a structured app logger (pino)', () => {
    const pino = { log: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() };
    beforeEach(() => {
      Logger.overrideLogger(pino);
    });

    it('hands over the fields as an object and the message apart, at debug', () => {
      new AuthDecisionLogger().decision(FAILED_LOGIN);

      expect(pino.debug).toHaveBeenCalledWith({ ...FAILED_LOGIN }, 'auth login: failure', 'Auth');
    });

    it('hands over an error as err', () => {
      const error = new Error('connection reset');

      new AuthDecisionLogger().error('re-hash error', error);

      expect(pino.error).toHaveBeenCalledWith({ err: error }, 're-hash error', 'Auth');
    });
  });
});
