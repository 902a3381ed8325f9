import { AllowedMethods } from './allowed-methods';
import { joinPath } from './route-table';

const routes = new AllowedMethods([
  { path: '/auth/login', methods: new Set(['POST']) },
  { path: '/auth/sessions', methods: new Set(['GET']) },
  { path: '/auth/sessions/:id', methods: new Set(['DELETE']) },
  { path: '/auth/api-keys', methods: new Set(['GET', 'POST']) },
]);

describe('AllowedMethods', () => {
  it('lets a routable method through', () => {
    expect(routes.refusal('POST', '/auth/login')).toBeUndefined();
    expect(routes.refusal('DELETE', '/auth/sessions/0f3e')).toBeUndefined();
  });

  it('leaves an unknown path to the 404 handler', () => {
    expect(routes.refusal('GET', '/no/such/path')).toBeUndefined();
    expect(routes.refusal('GET', '/auth/sessions/a/b')).toBeUndefined();
  });

  it('lists the methods of a known path asked with another one, HEAD with GET', () => {
    expect(routes.refusal('GET', '/auth/login')).toEqual(['POST']);
    expect(routes.refusal('PUT', '/auth/api-keys')).toEqual(['GET', 'HEAD', 'POST']);
    expect(routes.refusal('POST', '/auth/sessions/42')).toEqual(['DELETE']);
  });

  it('joins the methods of a fixed path and of a parameter route that both match it', () => {
    const overlapping = new AllowedMethods([
      { path: '/auth/sessions/current', methods: new Set(['GET']) },
      { path: '/auth/sessions/:id', methods: new Set(['DELETE']) },
      { path: '/auth/sessions/current', methods: new Set(['PATCH']) },
    ]);

    expect(overlapping.refusal('GET', '/auth/sessions/current')).toBeUndefined();
    expect(overlapping.refusal('PATCH', '/auth/sessions/current')).toBeUndefined();
    expect(overlapping.refusal('DELETE', '/auth/sessions/current')).toBeUndefined();
    expect(overlapping.refusal('POST', '/auth/sessions/current')).toEqual([
      'DELETE',
      'GET',
      'HEAD',
      'PATCH',
    ]);
  });

  it('answers HEAD on a GET route, and ignores the query string', () => {
    expect(routes.refusal('HEAD', '/auth/sessions')).toBeUndefined();
    expect(routes.refusal('PATCH', '/auth/sessions?x=1')).toEqual(['GET', 'HEAD']);
  });

  it('does not treat a dot in a path as a wildcard', () => {
    const jwks = new AllowedMethods([
      { path: '/.well-known/jwks.json', methods: new Set(['GET']) },
    ]);
    expect(jwks.refusal('POST', '/.well-known/jwksxjson')).toBeUndefined();
    expect(jwks.refusal('POST', '/.well-known/jwks.json')).toEqual(['GET', 'HEAD']);
  });
});

describe('joinPath', () => {
  it('joins controller and handler paths without doubled or trailing slashes', () => {
    expect(joinPath('auth', 'me')).toBe('/auth/me');
    expect(joinPath('/auth/', '/sessions/:id/')).toBe('/auth/sessions/:id');
    expect(joinPath('', '')).toBe('/');
    expect(joinPath('health', '')).toBe('/health');
  });
});
