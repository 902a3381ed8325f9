import pino from 'pino';
import { Writable } from 'node:stream';
import { accessLogLevel, logsAnswer, writeAccessLine, withoutQueryValues } from './access-log-line';

function capture(level: pino.Level) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level }, sink) };
}

const entry = {
  id: 'req-1',
  method: 'GET',
  url: '/whoami',
  responseTimeMs: 1.23456,
  aborted: false,
};

describe('the access log line', () => {
  it('logs a 503 (a refusal the app chose) at debug, other 5xx and aborted requests at error', () => {
    expect(accessLogLevel(503, false)).toBe('debug');
    expect(accessLogLevel(500, false)).toBe('error');
    expect(accessLogLevel(502, false)).toBe('error');
    expect(accessLogLevel(200, true)).toBe('error');
    expect(accessLogLevel(200, false)).toBe('info');
    expect(accessLogLevel(404, false)).toBe('info');
  });

  it('writes method, url, status and time, and never a header or a query value', () => {
    const { lines, logger } = capture('info');
    writeAccessLine(logger, { ...entry, url: '/auth/me?token=secret&x', statusCode: 200 });

    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request completed',
        reqId: 'req-1',
        method: 'GET',
        url: '/auth/me?token=[redacted]&x',
        statusCode: 200,
        responseTime: 1.235,
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('writes nothing below the logger level: a 503 at info, anything at warn', () => {
    const info = capture('info');
    writeAccessLine(info.logger, { ...entry, statusCode: 503 });
    expect(info.lines).toEqual([]);

    const warn = capture('warn');
    writeAccessLine(warn.logger, { ...entry, statusCode: 200 });
    expect(warn.lines).toEqual([]);
    writeAccessLine(warn.logger, { ...entry, statusCode: 500 });
    expect(warn.lines).toEqual([expect.objectContaining({ level: 50, statusCode: 500 })]);
  });

  it('keeps 4xx, 5xx and aborted answers with `errors`, every answer with `all`, none with `off`', () => {
    const successes: [number, boolean][] = [
      [200, false],
      [204, false],
      [302, false],
      [399, false],
    ];
    const refusals: [number, boolean][] = [
      [400, false],
      [401, false],
      [429, false],
      [500, false],
      [503, false],
      [200, true],
    ];
    const answers = [...successes, ...refusals];
    const kept = (mode: 'errors' | 'all' | 'off') =>
      answers.filter(([status, aborted]) => logsAnswer(mode, status, aborted));

    expect(kept('errors')).toEqual(refusals);
    expect(kept('all')).toEqual(answers);
    expect(kept('off')).toEqual([]);
  });

  it('leaves a URL without a query as it is', () => {
    expect(withoutQueryValues('/health/live')).toBe('/health/live');
  });
});
