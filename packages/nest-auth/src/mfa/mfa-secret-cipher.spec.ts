import { createCipheriv } from 'node:crypto';
import { MfaSecretCipher } from './mfa-secret-cipher';

const KEY = 'a-test-secret-key-that-is-long-enough-0123456789';

describe('MfaSecretCipher', () => {
  const cipher = new MfaSecretCipher(KEY);

  it('round-trips a secret for its user, with a fresh IV each time', () => {
    const a = cipher.encrypt('JBSWY3DPEHPK3PXP', 'user-1');
    const b = cipher.encrypt('JBSWY3DPEHPK3PXP', 'user-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(cipher.decrypt(a, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it("refuses another user's row, another key, and any tampering", () => {
    const sealed = cipher.encrypt('JBSWY3DPEHPK3PXP', 'user-1');
    expect(cipher.decrypt(sealed, 'user-2')).toBeNull();
    expect(new MfaSecretCipher(`${KEY}-rotated`).decrypt(sealed, 'user-1')).toBeNull();
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = body[0] === 'A' ? `B${body.slice(1)}` : `A${body.slice(1)}`;
    expect(cipher.decrypt([v, iv, flipped, tag].join('.'), 'user-1')).toBeNull();
    expect(cipher.decrypt([v, iv, body].join('.'), 'user-1')).toBeNull();
    expect(cipher.decrypt(`v2.${iv}.${body}.${tag}`, 'user-1')).toBeNull();
    expect(cipher.decrypt('garbage', 'user-1')).toBeNull();
  });

  it('refuses a value sealed with an IV of another length, even under the right key', () => {
    const { key } = cipher as unknown as { key: Buffer };
    const iv = Buffer.alloc(16, 7);
    const gcm = createCipheriv('aes-256-gcm', key, iv);
    gcm.setAAD(Buffer.from('user-1', 'utf8'));
    const body = Buffer.concat([gcm.update('JBSWY3DPEHPK3PXP', 'utf8'), gcm.final()]);
    const sealed = ['v1', iv, body, gcm.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');

    expect(cipher.decrypt(sealed, 'user-1')).toBeNull();
  });
});
