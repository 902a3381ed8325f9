import { maskSecrets, maskUrlPassword } from './mask-secrets';

describe('maskSecrets', () => {
  it('masks secret keys, private keys and passwords at any depth, in lists too', () => {
    expect(
      maskSecrets({
        secretKey: 's3cret',
        token: { privateKey: 'PEM', publicKey: 'PUB', previousKeys: [{ secretKey: 'old' }] },
        database: { password: 'pw', username: 'auth' },
      }),
    ).toEqual({
      secretKey: '****',
      token: { privateKey: '****', publicKey: 'PUB', previousKeys: [{ secretKey: '****' }] },
      database: { password: '****', username: 'auth' },
    });
  });

  it('keeps password settings that are not secrets visible', () => {
    expect(maskSecrets({ password: { minLength: 12, algorithm: 'bcrypt' } })).toEqual({
      password: { minLength: 12, algorithm: 'bcrypt' },
    });
  });

  it('hides the password of a URL and leaves URLs without one alone', () => {
    expect(maskUrlPassword('redis://user:hunter2@cache:6379/0')).toBe(
      'redis://user:****@cache:6379/0',
    );
    expect(maskUrlPassword('rediss://:hunter2@cache:6380')).toBe('rediss://:****@cache:6380');
    expect(maskUrlPassword('redis://cache:6379')).toBe('redis://cache:6379');
    expect(maskUrlPassword('smtps://mailer%40example.com:hunter2@mail:465')).toBe(
      'smtps://mailer%40example.com:****@mail:465',
    );
    expect(maskSecrets({ mail: { smtpUrl: 'smtp://u:hunter2@mail:587', from: 'a@b.c' } })).toEqual({
      mail: { smtpUrl: 'smtp://u:****@mail:587', from: 'a@b.c' },
    });
  });
});
