import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '../config/app-config';
import { loggerOptions } from './logger-options';

const options = loggerOptions(
  new AppConfig('test', 3000, 'info', { type: 'sqlite', path: ':memory:', synchronize: false }),
);
const http = options.pinoHttp as {
  customLogLevel(req: IncomingMessage, res: ServerResponse, error?: Error): string;
  customErrorObject(
    req: IncomingMessage,
    res: ServerResponse,
    error: Error,
    value: Record<string, unknown>,
  ): Record<string, unknown>;
};
const req = {} as IncomingMessage;
const res = (statusCode: number) => ({ statusCode }) as ServerResponse;
// What pino-http makes up for a 5xx it was given no error for.
const madeUp = (status: number) => new Error(`failed with status code ${status}`);

describe('loggerOptions: the per-request log line', () => {
  it('logs a 503 (a refusal the app chose) at debug, without the stack pino-http makes up', () => {
    const value = { res: {}, err: madeUp(503), responseTime: 3 };

    expect(http.customLogLevel(req, res(503))).toBe('debug');
    expect(http.customErrorObject(req, res(503), madeUp(503), value)).toEqual({
      res: {},
      err: undefined,
      responseTime: 3,
    });
  });

  it('keeps other 5xx answers at error, with their error', () => {
    const value = { res: {}, err: madeUp(500) };

    expect(http.customLogLevel(req, res(500))).toBe('error');
    expect(http.customErrorObject(req, res(500), madeUp(500), value)).toBe(value);
  });

  it('logs a request that errored at error, whatever its status', () => {
    expect(http.customLogLevel(req, res(503), new Error('aborted'))).toBe('error');
    expect(http.customLogLevel(req, res(200))).toBe('info');
  });
});
