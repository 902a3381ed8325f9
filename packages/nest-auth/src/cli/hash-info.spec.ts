import { describeHash } from './hash-info';

describe('describeHash', () => {
  it('reads the bcrypt variant and cost', () => {
    expect(describeHash('$2y$10$abcdefghijklmnopqrstuu')).toEqual({
      algorithm: 'bcrypt (2y)',
      parameters: 'cost=10',
    });
  });

  it('reads the argon2 variant and parameters', () => {
    expect(describeHash('$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA')).toEqual({
      algorithm: 'argon2id',
      parameters: 'm=19456,t=2,p=1',
    });
  });

  it('calls anything else unknown without echoing it', () => {
    expect(describeHash('plaintext-oops')).toEqual({ algorithm: 'unknown', parameters: '' });
  });
});
