/**
 * The outcome of an operation that fails in expected ways: a value or an error, never a throw.
 * `refreshToken()` returns one, so a caller cannot forget that a refresh token may be bad.
 */
export class Result<T, E> {
  private constructor(
    private readonly okValue: boolean,
    private readonly value: T | undefined,
    private readonly error: E | undefined,
  ) {}

  static ok<T, E = never>(value: T): Result<T, E> {
    return new Result<T, E>(true, value, undefined);
  }

  static err<E, T = never>(error: E): Result<T, E> {
    return new Result<T, E>(false, undefined, error);
  }

  isOk(): boolean {
    return this.okValue;
  }

  isErr(): boolean {
    return !this.okValue;
  }

  /** @throws the error itself when the result is an error. */
  unwrap(): T {
    // The error value is rethrown as given: an AuthError in this module.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (!this.okValue) throw this.error;
    return this.value as T;
  }

  /** @throws Error when the result is a value. */
  unwrapErr(): E {
    if (this.okValue) throw new Error('unwrapErr() called on an ok Result');
    return this.error as E;
  }
}
