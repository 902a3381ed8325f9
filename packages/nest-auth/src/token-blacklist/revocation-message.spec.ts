import { markerMessage, parseRevocationMessage } from './revocation-message';

describe('parseRevocationMessage', () => {
  it('reads an id revocation, the id holding any character', () => {
    expect(parseRevocationMessage('i:1700000000000:jti:with:colons')).toEqual({
      kind: 'id',
      id: 'jti:with:colons',
      expiresAt: 1_700_000_000_000,
    });
  });

  it('reads a user revocation', () => {
    expect(parseRevocationMessage('u:-5:1700000000000:user:1')).toEqual({
      kind: 'user',
      userId: 'user:1',
      revokedBefore: -5,
      expiresAt: 1_700_000_000_000,
    });
  });

  it('reads a marker', () => {
    expect(parseRevocationMessage(markerMessage('abc'))).toEqual({ kind: 'marker', marker: 'abc' });
  });

  it.each(['', 'x:1:a', 'i:', 'i:abc:id', 'u:1:id', 'u:1:1.5:id', 'i:1e400:id'])(
    'refuses the malformed message %p',
    (message) => {
      expect(parseRevocationMessage(message)).toBeNull();
    },
  );
});
