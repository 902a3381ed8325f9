import { InvalidTokenError } from '../errors/auth.errors';
import { bearerTokenOf } from './bearer-token';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

function reasonOf(header: string | string[]): string {
  try {
    bearerTokenOf(header);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as InvalidTokenError).reason;
  }
  throw new Error(`Expected ${JSON.stringify(header)} to be refused`);
}

describe('bearerTokenOf (RFC 6750 §2.1 b64token syntax)', () => {
  it.each([
    ['Bearer', `Bearer ${TOKEN}`],
    ['any case of the scheme', `bEARER ${TOKEN}`],
    ['several spaces after the scheme', `Bearer   ${TOKEN}`],
    ['the b64token characters ~ + / and trailing =', 'Bearer a-b.c_d~e+f/g=='],
  ])('reads the token after %s', (_name, header) => {
    expect(bearerTokenOf(header)).toBe(header.replace(/^bearer +/i, ''));
  });

  it.each([
    ['no header', undefined],
    ['another scheme', `Basic ${TOKEN}`],
    ['a scheme that only starts like Bearer', `Bearerx ${TOKEN}`],
  ])('finds no bearer token with %s', (_name, header) => {
    expect(bearerTokenOf(header)).toBeNull();
  });

  it.each([
    ['junk after the token', `Bearer ${TOKEN} junk`],
    ['a second token', `Bearer ${TOKEN} ${TOKEN}`],
    ['no token', 'Bearer'],
    ['only a space', 'Bearer '],
    ['a tab instead of a space', `Bearer\t${TOKEN}`],
    ['a character outside b64token', `Bearer ${TOKEN},x`],
    ['padding inside the token', `Bearer ab=cd`],
    ['quotes', `Bearer "${TOKEN}"`],
    ['a repeated Authorization header', [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]],
  ])('refuses %s as malformed', (_name, header) => {
    expect(reasonOf(header)).toBe('malformed');
  });
});
