import type { ExecutionContext } from '@nestjs/common';
import { CrossSiteRequestError } from './cross-site-request.error';
import { SameOriginGuard } from './same-origin.guard';

const contextOf = (headers: Record<string, string | string[]>): ExecutionContext =>
  ({
    switchToHttp: () => ({ getRequest: () => ({ headers }) }),
  }) as unknown as ExecutionContext;

const PAGE = {
  'x-lexigram-pages': '1',
  origin: 'https://app.example.com',
  host: 'app.example.com',
};

describe('SameOriginGuard', () => {
  const guard = new SameOriginGuard();
  const check = (headers: Record<string, string | string[]>) => () =>
    guard.canActivate(contextOf(headers));

  it('lets a same-origin request of the pages through', () => {
    expect(check(PAGE)()).toBe(true);
    expect(check({ ...PAGE, 'sec-fetch-site': 'same-origin' })()).toBe(true);
    expect(check({ ...PAGE, origin: 'https://APP.example.com', host: 'app.example.com' })()).toBe(
      true,
    );
    expect(check({ ...PAGE, origin: 'http://localhost:3000', host: 'localhost:3000' })()).toBe(
      true,
    );
  });

  it.each([
    ['no header', { origin: PAGE.origin, host: PAGE.host }],
    ['a header of another value', { ...PAGE, 'x-lexigram-pages': 'yes' }],
    ['the header twice', { ...PAGE, 'x-lexigram-pages': ['1', '1'] }],
    ['cross-site', { ...PAGE, 'sec-fetch-site': 'cross-site' }],
    ['same-site (a sibling subdomain)', { ...PAGE, 'sec-fetch-site': 'same-site' }],
    ['no Origin', { 'x-lexigram-pages': '1', host: PAGE.host }],
    ['Origin null', { ...PAGE, origin: 'null' }],
    ['a foreign Origin', { ...PAGE, origin: 'https://evil.example' }],
    ['another port', { ...PAGE, origin: 'https://app.example.com:8443' }],
    ['a look-alike host', { ...PAGE, origin: 'https://app.example.com.evil.example' }],
    ['no Host', { 'x-lexigram-pages': '1', origin: PAGE.origin }],
  ])('refuses %s with 403 CrossSiteRequestError', (_case, headers) => {
    expect(check(headers)).toThrow(CrossSiteRequestError);
    try {
      check(headers)();
    } catch (error) {
      expect((error as CrossSiteRequestError).status).toBe(403);
    }
  });
});
