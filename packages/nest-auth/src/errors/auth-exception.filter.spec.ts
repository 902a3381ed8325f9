import {
  type ArgumentsHost,
  BadRequestException,
  ConsoleLogger,
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { AuthMetrics } from '../metrics/auth-metrics';
import { storeOutages } from './store-outages';
import { AuthExceptionFilter } from './auth-exception.filter';
import * as authErrors from './auth.errors';
import * as httpRequestErrors from './http-request.errors';
import {
  AccountLockedError,
  AccountStateConflictError,
  AuthError,
  AuthResourceNotFoundError,
  EmailNotVerifiedError,
  FeatureDisabledError,
  InsufficientPermissionsError,
  InvalidMfaCodeError,
  InvalidOneTimeTokenError,
  MfaRequiredError,
  AuthStoreUnavailableError,
  InvalidCredentialsError,
  InvalidTokenError,
  LoginAttemptsBusyError,
  LoginRateLimitError,
  PasswordPolicyError,
  RequestValidationError,
  TokenAudienceError,
  TokenBlacklistedError,
  TokenError,
  TokenExpiredError,
  UserAlreadyExistsError,
} from './auth.errors';
import {
  MethodNotAllowedError,
  PayloadTooLargeError,
  RequestAbortedError,
  UnsupportedMediaTypeError,
} from './http-request.errors';

/** What the filter sent through the (fake) HTTP adapter. */
interface Sent {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  replies: number;
}

function createFilter(metrics?: AuthMetrics, request: object = {}) {
  const response = { fake: 'response' };
  const setHeader = jest.fn<void, [unknown, string, string]>();
  const reply = jest.fn<void, [unknown, Record<string, unknown>, number]>();
  const adapterHost = { httpAdapter: { setHeader, reply } } as unknown as HttpAdapterHost;
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
    getType: () => 'http',
  } as unknown as ArgumentsHost;
  const filter = new AuthExceptionFilter(adapterHost, metrics);

  const send = (exception: unknown): Sent => {
    filter.catch(exception, host);
    expect(reply).toHaveBeenCalledTimes(1);
    const [target, body, status] = reply.mock.calls[0];
    expect(target).toBe(response);
    for (const [headerTarget] of setHeader.mock.calls) expect(headerTarget).toBe(response);
    const headers = Object.fromEntries(
      setHeader.mock.calls.map(([, name, value]) => [name, value]),
    );
    return { status, body, headers, replies: reply.mock.calls.length };
  };
  return { send };
}

const violations = [
  { rule: 'min_length', message: 'Use at least 12 characters.' },
  { rule: 'common_password', message: 'This password is too common; choose another.' },
];

interface Row {
  error: AuthError;
  name: string;
  status: number;
  retryAfter?: number;
  violations?: typeof violations;
  mfaChallenge?: string;
  methods?: string[];
}

const TABLE: Row[] = [
  { error: new InvalidCredentialsError(), name: 'InvalidCredentialsError', status: 401 },
  { error: new AccountLockedError(120), name: 'AccountLockedError', status: 423, retryAfter: 120 },
  { error: new LoginRateLimitError(30), name: 'LoginRateLimitError', status: 429, retryAfter: 30 },
  {
    error: new LoginAttemptsBusyError(),
    name: 'LoginAttemptsBusyError',
    status: 429,
    retryAfter: 1,
  },
  { error: new TokenExpiredError(), name: 'TokenExpiredError', status: 401 },
  { error: new TokenAudienceError(), name: 'TokenAudienceError', status: 401 },
  { error: new TokenBlacklistedError(), name: 'TokenBlacklistedError', status: 401 },
  { error: new InvalidTokenError(), name: 'InvalidTokenError', status: 401 },
  {
    error: new PasswordPolicyError(violations),
    name: 'PasswordPolicyError',
    status: 422,
    violations,
  },
  { error: new UserAlreadyExistsError(), name: 'UserAlreadyExistsError', status: 409 },
  {
    error: new RequestValidationError('email: Required.'),
    name: 'RequestValidationError',
    status: 400,
  },
  { error: new InsufficientPermissionsError(), name: 'InsufficientPermissionsError', status: 403 },
  { error: new EmailNotVerifiedError(), name: 'EmailNotVerifiedError', status: 403 },
  {
    error: new MfaRequiredError('challenge-token', ['totp', 'passkey']),
    name: 'MfaRequiredError',
    status: 401,
    mfaChallenge: 'challenge-token',
    methods: ['totp', 'passkey'],
  },
  { error: new InvalidMfaCodeError(), name: 'InvalidMfaCodeError', status: 401 },
  { error: new InvalidOneTimeTokenError(), name: 'InvalidOneTimeTokenError', status: 400 },
  {
    error: new AccountStateConflictError('Two-factor authentication is already on.'),
    name: 'AccountStateConflictError',
    status: 409,
  },
  {
    error: new AuthResourceNotFoundError('No such session.'),
    name: 'AuthResourceNotFoundError',
    status: 404,
  },
  { error: new FeatureDisabledError('Two-factor'), name: 'FeatureDisabledError', status: 404 },
  {
    error: new AuthStoreUnavailableError(
      'token blacklist',
      new Error('connect ECONNREFUSED 10.0.0.7:6379'),
    ),
    name: 'AuthStoreUnavailableError',
    status: 503,
    retryAfter: 5,
  },
  { error: new UnsupportedMediaTypeError(), name: 'UnsupportedMediaTypeError', status: 415 },
  { error: new PayloadTooLargeError(), name: 'PayloadTooLargeError', status: 413 },
  { error: new RequestAbortedError(), name: 'RequestAbortedError', status: 400 },
];

const INTERNAL_BODY = {
  statusCode: 500,
  error: 'InternalServerError',
  message: 'Internal server error.',
};

/** The app logger of a pino host: the module logs `(fields, message)` to it. */
const STRUCTURED_LOGGER = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };

describe('AuthExceptionFilter', () => {
  beforeAll(() => {
    Logger.overrideLogger(STRUCTURED_LOGGER);
  });
  afterAll(() => {
    Logger.overrideLogger(new ConsoleLogger());
  });

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  describe('auth errors', () => {
    it.each(TABLE.map((row) => [row.name, row.status, row] as const))(
      '%s → %i with {statusCode, error, message[, retryAfter][, violations]}',
      (name, status, row) => {
        const sent = createFilter().send(row.error);

        expect(sent.status).toBe(status);
        expect(sent.body).toStrictEqual({
          statusCode: status,
          error: name,
          message: row.error.message,
          ...(row.retryAfter === undefined ? {} : { retryAfter: row.retryAfter }),
          ...(row.violations === undefined ? {} : { violations: row.violations }),
          ...(row.mfaChallenge === undefined ? {} : { mfaChallenge: row.mfaChallenge }),
          ...(row.methods === undefined ? {} : { methods: row.methods }),
        });
        expect(sent.headers).toEqual(
          row.retryAfter === undefined ? {} : { 'Retry-After': String(row.retryAfter) },
        );
      },
    );

    it('sends a non-empty message on every auth error', () => {
      for (const row of TABLE) expect(row.error.message.length).toBeGreaterThan(10);
    });

    it('covers every concrete AuthError subclass the errors files export', () => {
      const abstractBases: unknown[] = [AuthError, TokenError];
      // MethodNotAllowedError adds a header: it has a test of its own below.
      const covered = new Set([
        ...TABLE.map((row) => row.error.constructor),
        MethodNotAllowedError,
      ]);
      const exported: unknown[] = [
        ...Object.values(authErrors),
        ...Object.values(httpRequestErrors),
      ];
      const subclasses = exported.filter(
        (value): value is abstract new (...args: never[]) => AuthError =>
          typeof value === 'function' && value.prototype instanceof AuthError,
      );

      const missing = subclasses.filter((cls) => !covered.has(cls) && !abstractBases.includes(cls));

      expect(subclasses.length).toBeGreaterThanOrEqual(covered.size);
      expect(missing.map((cls) => cls.name)).toEqual([]);
    });

    it('passes WWW-Authenticate through when the guard set it on a token error', () => {
      const challenge = 'Bearer realm="api", error="invalid_token", error_description="expired"';
      const error = new TokenExpiredError();
      error.wwwAuthenticate = challenge;

      const sent = createFilter().send(error);

      expect(sent.status).toBe(401);
      expect(sent.headers).toEqual({ 'WWW-Authenticate': challenge });
      expect(sent.body).not.toHaveProperty('wwwAuthenticate');
    });

    it('sends 405 MethodNotAllowedError with the Allow header', () => {
      const sent = createFilter().send(new MethodNotAllowedError(['GET', 'HEAD']));

      expect(sent.status).toBe(405);
      expect(sent.headers).toEqual({ Allow: 'GET, HEAD' });
      expect(sent.body).toStrictEqual({
        statusCode: 405,
        error: 'MethodNotAllowedError',
        message: 'This route answers GET, HEAD only.',
      });
    });

    it('sends Retry-After and WWW-Authenticate together when both apply', () => {
      const error = new AuthStoreUnavailableError('token blacklist', undefined, 7);
      error.wwwAuthenticate = 'Bearer realm="api"';

      expect(createFilter().send(error).headers).toEqual({
        'Retry-After': '7',
        'WWW-Authenticate': 'Bearer realm="api"',
      });
    });

    it('never sends the cause of a store outage to the client', () => {
      const sent = createFilter().send(
        new AuthStoreUnavailableError(
          'token blacklist',
          new Error('connect ECONNREFUSED 10.0.0.7:6379'),
        ),
      );

      expect(JSON.stringify(sent.body)).not.toContain('ECONNREFUSED');
    });

    it('logs a store outage once and each refusal at debug, never the cause with its stack', () => {
      const warn = jest.mocked(Logger.prototype.warn);
      const debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
      const cause = new Error('connect ECONNREFUSED 10.0.0.7:6379');

      for (let i = 0; i < 3; i++)
        createFilter().send(new AuthStoreUnavailableError('filter-spec store', cause));

      expect(warn).toHaveBeenCalledTimes(1);
      expect(debug).toHaveBeenCalledTimes(3);
      expect(JSON.stringify([...warn.mock.calls, ...debug.mock.calls])).not.toContain(' at ');
      storeOutages.succeeded('filter-spec store');
    });

    it('counts a store outage by store in the metrics', async () => {
      const metrics = new AuthMetrics();

      createFilter(metrics).send(new AuthStoreUnavailableError('token blacklist'));

      const { values } = await metrics.storeErrors.get();
      expect(values).toEqual([
        expect.objectContaining({ value: 1, labels: { store: 'token blacklist' } }),
      ]);
    });
  });

  describe('Nest HTTP exceptions', () => {
    it('keeps the status of a NotFoundException', () => {
      const sent = createFilter().send(new NotFoundException('Cannot GET /nope'));

      expect(sent.status).toBe(404);
      expect(sent.body).toStrictEqual({
        statusCode: 404,
        error: 'NotFoundException',
        message: 'Cannot GET /nope',
      });
    });

    it('keeps the status of other HTTP exceptions', () => {
      expect(createFilter().send(new ForbiddenException()).status).toBe(403);
      expect(createFilter().send(new HttpException('Slow down', 429)).body).toMatchObject({
        statusCode: 429,
        message: 'Slow down',
      });
    });

    it('hides the message of an HTTP 500 exception behind the generic body', () => {
      const sent = createFilter().send(new InternalServerErrorException('pool exhausted on db-7'));

      expect(sent.body).toStrictEqual(INTERNAL_BODY);
    });
  });

  describe('unexpected errors', () => {
    it('answers an unknown Error with the generic 500 body, without its message or stack', () => {
      const error = new Error('password column "hash" is NULL for user 42');

      const sent = createFilter().send(error);

      expect(sent.status).toBe(500);
      expect(sent.body).toStrictEqual(INTERNAL_BODY);
      expect(sent.headers).toEqual({});
      const text = JSON.stringify(sent.body);
      expect(text).not.toContain('NULL for user 42');
      expect(text).not.toContain('at ');
    });

    it('logs the unknown error itself, so its stack reaches the logs', () => {
      const error = new Error('boom');

      createFilter().send(error);

      expect(Logger.prototype.error).toHaveBeenCalledWith({ err: error }, expect.any(String));
    });

    it("logs it as one line and its stack under Nest's ConsoleLogger", () => {
      Logger.overrideLogger(new ConsoleLogger());
      const error = new Error('boom');

      try {
        createFilter().send(error);
      } finally {
        Logger.overrideLogger(STRUCTURED_LOGGER);
      }

      expect(Logger.prototype.error).toHaveBeenCalledWith('unhandled error: boom', error.stack);
    });

    it.each([
      ['a string', 'something broke'],
      ['null', null],
      ['undefined', undefined],
      ['a number', 42],
      ['a plain object', { secret: 'hunter2' }],
    ])('answers a thrown %s with the generic 500 body', (_what, thrown) => {
      const sent = createFilter().send(thrown);

      expect(sent.status).toBe(500);
      expect(sent.body).toStrictEqual(INTERNAL_BODY);
    });
  });

  describe('body-parser errors', () => {
    it("answers a too-large body with 413 and its own message, not the parser's", () => {
      const parserError = Object.assign(
        new Error('request entity too large: {"password":"hunter2"'),
        {
          type: 'entity.too.large',
          status: 413,
          expose: true,
        },
      );

      const sent = createFilter().send(parserError);

      expect(sent.status).toBe(413);
      expect(sent.body).toStrictEqual({
        statusCode: 413,
        error: 'PayloadTooLargeError',
        message: 'The request body is too large.',
      });
      expect(JSON.stringify(sent.body)).not.toContain('hunter2');
    });

    it('recognises a plain body-parser-like object by its type', () => {
      expect(createFilter().send({ type: 'entity.too.large', status: 413 }).status).toBe(413);
    });

    it('answers an unsupported body charset with 415', () => {
      expect(createFilter().send({ type: 'charset.unsupported', status: 415 }).status).toBe(415);
    });

    it('answers an aborted body with 400 RequestAbortedError, and logs nothing at error', () => {
      const sent = createFilter().send({ type: 'request.aborted', status: 400, expose: true });

      expect(sent.body).toMatchObject({ statusCode: 400, error: 'RequestAbortedError' });
      expect(Logger.prototype.error).not.toHaveBeenCalled();
    });

    it('answers a corrupt Content-Encoding (an http-error without a type) with 400, not 500', () => {
      const inflateError = Object.assign(new Error('incorrect header check'), {
        status: 400,
        expose: true,
        code: 'Z_DATA_ERROR',
      });

      const sent = createFilter().send(inflateError);

      expect(sent.body).toMatchObject({ statusCode: 400, error: 'RequestValidationError' });
      expect(sent.body.message).not.toContain('incorrect header');
      expect(Logger.prototype.error).not.toHaveBeenCalled();
    });
  });

  describe("the platforms' own body refusals, as Nest hands them over", () => {
    it('answers invalid JSON from body-parser (a BadRequestException by then) with RequestValidationError', () => {
      // Nest keeps only the SyntaxError's message, which quotes the body.
      const mapped = new BadRequestException('Unexpected token \'h\', "hunter2" is not valid JSON');

      const request = { headers: { 'content-type': 'application/json' }, body: undefined };
      const sent = createFilter(undefined, request).send(mapped);

      expect(sent.body).toStrictEqual({
        statusCode: 400,
        error: 'RequestValidationError',
        message: 'The request body is not valid JSON, or its encoding is corrupt.',
      });
    });

    it("keeps a handler's own BadRequestException, even one naming JSON", () => {
      const own = new BadRequestException('Send the date as a JSON string.');
      const json = { 'content-type': 'application/json' };

      for (const request of [{ headers: json, body: {} }, { headers: {} }, {}]) {
        expect(createFilter(undefined, request).send(own).body).toMatchObject({
          error: 'BadRequestException',
          message: 'Send the date as a JSON string.',
        });
      }
    });

    it.each([
      [
        "Body is not valid JSON but content-type is set to 'application/json'",
        'RequestValidationError',
      ],
      [
        "Body cannot be empty when content-type is set to 'application/json'",
        'RequestValidationError',
      ],
      ['Request body size did not match Content-Length', 'RequestAbortedError'],
    ])('answers Fastify\'s "%s" with 400 %s', (message, error) => {
      expect(createFilter().send(new HttpException(message, 400)).body).toMatchObject({
        statusCode: 400,
        error,
      });
    });

    it("answers Fastify's too-large body (a bare 413) with PayloadTooLargeError", () => {
      const sent = createFilter().send(new HttpException('Request body is too large', 413));

      expect(sent.body).toMatchObject({ statusCode: 413, error: 'PayloadTooLargeError' });
    });

    it('keeps a bare 400 with any other message as it is', () => {
      expect(createFilter().send(new HttpException('Nope', 400)).body).toStrictEqual({
        statusCode: 400,
        error: 'BAD_REQUEST',
        message: 'Nope',
      });
    });
  });
});
