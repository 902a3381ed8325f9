import { routeLabelOf } from './auth-request-timer.middleware';

describe('routeLabelOf', () => {
  it.each([
    ['/auth/login', '/auth/login'],
    ['/auth/login?email=x', '/auth/login'],
    ['/auth/sessions', '/auth/sessions'],
    ['/auth/sessions/0b6f4d1e-8d6c-4a51-9d55-2f1f3c9a7b10', '/auth/sessions/:id'],
    ['/auth/sessions/anything-at-all?x=1', '/auth/sessions/:id'],
    ['/api/auth/api-keys/9f1c', '/api/auth/api-keys/:id'],
    ['/auth/mfa/totp/confirm', '/auth/mfa/totp/confirm'],
  ])('%s → %s', (url, label) => {
    expect(routeLabelOf(url)).toBe(label);
  });

  it('gives every id of a parameter route one label', () => {
    const labels = new Set(
      Array.from({ length: 100 }, (_, i) => routeLabelOf(`/auth/sessions/${i}-${Math.random()}`)),
    );
    expect([...labels]).toEqual(['/auth/sessions/:id']);
  });
});
