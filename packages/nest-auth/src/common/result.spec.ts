import { InvalidTokenError } from '../errors/auth.errors';
import { Result } from './result';

describe('Result', () => {
  describe('ok', () => {
    const result = Result.ok<number, Error>(42);

    it('is ok and not err', () => {
      expect(result.isOk()).toBe(true);
      expect(result.isErr()).toBe(false);
    });

    it('unwraps to its value', () => {
      expect(result.unwrap()).toBe(42);
    });

    it('throws on unwrapErr, since there is no error to give', () => {
      expect(() => result.unwrapErr()).toThrow('unwrapErr() called on an ok Result');
    });

    it('holds falsy values as values', () => {
      expect(Result.ok(0).unwrap()).toBe(0);
      expect(Result.ok(undefined).isOk()).toBe(true);
      expect(Result.ok(null).unwrap()).toBeNull();
    });
  });

  describe('err', () => {
    const error = new InvalidTokenError('The token is malformed.', 'malformed');
    const result = Result.err<InvalidTokenError, string>(error);

    it('is err and not ok', () => {
      expect(result.isErr()).toBe(true);
      expect(result.isOk()).toBe(false);
    });

    it('gives back the very error from unwrapErr', () => {
      expect(result.unwrapErr()).toBe(error);
    });

    it('throws the error itself on unwrap', () => {
      let thrown: unknown;
      try {
        result.unwrap();
      } catch (caught) {
        thrown = caught;
      }

      expect(thrown).toBe(error);
    });

    it('stays an error even when the error value is falsy', () => {
      const falsy = Result.err<undefined, number>(undefined);

      expect(falsy.isErr()).toBe(true);
      expect(falsy.isOk()).toBe(false);
    });
  });
});
