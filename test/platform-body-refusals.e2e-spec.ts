import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  type INestApplication,
  Module,
  Post,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuthExceptionFilter, configureAuthApp } from '@lexigram/nest-auth';

@Controller('echo')
class EchoController {
  @Post()
  @HttpCode(200)
  echo(@Body() body: unknown): unknown {
    return body;
  }

  @Post('refuse')
  refuse(): never {
    throw new BadRequestException('Pick a date in the future.');
  }
}

/** A host with the module's filter and nothing else: no AuthModule, no configureAuthApp. */
@Module({
  controllers: [EchoController],
  providers: [{ provide: APP_FILTER, useClass: AuthExceptionFilter }],
})
class BareHostModule {}

const PLATFORMS = {
  express: () => new ExpressAdapter(),
  fastify: () => new FastifyAdapter(),
};
type Platform = keyof typeof PLATFORMS;

async function start(
  platform: Platform,
  setup: (app: INestApplication) => void = () => undefined,
  bodyParser = true,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [BareHostModule] }).compile();
  const app = moduleRef.createNestApplication(PLATFORMS[platform](), { bodyParser, logger: false });
  setup(app);
  await app.init();
  if (platform === 'fastify')
    await (app.getHttpAdapter().getInstance() as unknown as { ready(): Promise<unknown> }).ready();
  return app;
}

const post = (app: INestApplication, body: string, path = '/echo') =>
  request(app.getHttpServer()).post(path).set('Content-Type', 'application/json').send(body);

/**
 * A host that binds AuthExceptionFilter but reads bodies with the platform's own parser: the
 * platform's refusals still answer as the module's errors, never quoting the body.
 */
describe.each(Object.keys(PLATFORMS) as Platform[])(
  'On %s with its own body parser',
  (platform) => {
    let app: INestApplication;

    beforeAll(async () => {
      app = await start(platform);
    });
    afterAll(() => app.close());

    it('answers malformed JSON with 400 RequestValidationError, not BadRequestException', async () => {
      const res = await post(app, '{"password":"hunter2').expect(400);

      expect(res.body).toEqual({
        statusCode: 400,
        error: 'RequestValidationError',
        message: 'The request body is not valid JSON, or its encoding is corrupt.',
      });
      expect(res.text).not.toContain('hunter2');
    });

    it("answers a body over the platform's limit with 413 PayloadTooLargeError", async () => {
      const res = await post(app, JSON.stringify({ x: 'x'.repeat(2 * 1024 * 1024) })).expect(413);

      expect(res.body).toMatchObject({ statusCode: 413, error: 'PayloadTooLargeError' });
    });

    it("keeps a handler's own BadRequestException as it is", async () => {
      const res = await post(app, '{"date":"yesterday"}', '/echo/refuse').expect(400);

      expect(res.body).toEqual({
        statusCode: 400,
        error: 'BadRequestException',
        message: 'Pick a date in the future.',
      });
    });
  },
);

describe.each(Object.keys(PLATFORMS) as Platform[])('configureAuthApp on %s', (platform) => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await start(
      platform,
      (a) => configureAuthApp(a, { bodyLimitBytes: 1024, gracefulShutdown: false }),
      false,
    );
  });
  afterAll(() => app.close());

  it('reads a JSON object within the limit', async () => {
    const res = await post(app, '{"a":1}').expect(200);

    expect(res.body).toEqual({ a: 1 });
  });

  it('refuses a body over bodyLimitBytes with 413, and malformed JSON with 400', async () => {
    await post(app, JSON.stringify({ x: 'x'.repeat(1024) })).expect(413);
    const res = await post(app, '{"a":').expect(400);

    expect(res.body).toEqual({
      statusCode: 400,
      error: 'RequestValidationError',
      message: 'The request body is not valid JSON.',
    });
  });

  it('answers a known path asked with another method with 405 and Allow', async () => {
    const res = await request(app.getHttpServer()).get('/echo').expect(405);

    expect(res.headers.allow).toBe('POST');
    expect(res.body).toMatchObject({ statusCode: 405, error: 'MethodNotAllowedError' });
  });
});

describe('configureAuthApp refuses a setup it cannot honour', () => {
  it.each([
    ["Nest's body parser on Fastify", {}, true, /bodyParser: false/],
    ['trustProxy on Fastify', { trustProxy: 1 }, false, /FastifyAdapter\(\{ trustProxy \}\)/],
  ])('%s', async (_what, options, bodyParser, message) => {
    const moduleRef = await Test.createTestingModule({ imports: [BareHostModule] }).compile();
    const app = moduleRef.createNestApplication(new FastifyAdapter(), {
      bodyParser,
      logger: false,
    });
    try {
      expect(() => configureAuthApp(app, { ...options, gracefulShutdown: false })).toThrow(message);
    } finally {
      await app.close();
    }
  });

  it('names GracefulShutdownModule when shutdown is on and the module is not imported', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [BareHostModule] }).compile();
    const app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: false });
    try {
      expect(() => configureAuthApp(app)).toThrow(/GracefulShutdownModule/);
    } finally {
      await app.close();
    }
  });
});
