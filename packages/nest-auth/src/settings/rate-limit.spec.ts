import { parseRateLimit } from './rate-limit';

describe('parseRateLimit', () => {
  it.each([
    ['5/minute', 5, 60],
    ['20/minute', 20, 60],
    ['1/second', 1, 1],
    ['100/hour', 100, 3600],
    ['3/day', 3, 86400],
  ])('parses %p as %p requests per %p seconds', (text, limit, ttlSeconds) => {
    expect(parseRateLimit(text)).toEqual({ limit, ttlSeconds, text });
  });

  it.each([
    ['10/minutes', 10, 60],
    ['2/seconds', 2, 1],
    ['7/Hours', 7, 3600],
    ['5/MINUTE', 5, 60],
    ['  5 / minute  ', 5, 60],
    ['\t3/DAYS\n', 3, 86400],
  ])('accepts plural units, any case and surrounding whitespace: %p', (text, limit, ttlSeconds) => {
    expect(parseRateLimit(text)).toMatchObject({ limit, ttlSeconds });
  });

  it('keeps the trimmed text for messages', () => {
    expect(parseRateLimit('  5 / minute  ')?.text).toBe('5 / minute');
  });

  it.each([
    '0/minute',
    '5/week',
    'abc',
    '5',
    '-1/minute',
    '',
    '/minute',
    '1.5/minute',
    '5 per minute',
    '5/minute/hour',
    '99999999999999999999/second',
  ])('rejects %p', (text) => {
    expect(parseRateLimit(text)).toBeNull();
  });
});
