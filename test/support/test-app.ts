import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap/configure-app';
import { createHttpAdapter } from '../../src/bootstrap/create-http-adapter';
import type { HttpAdapterName } from '../../src/config/app-config';
import { makeTempDir } from './temp-dirs';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  dbPath: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment for this app (LEX_AUTH__*, DB_*, …). */
  env?: Record<string, string>;
  /** Reuse a database file, e.g. to restart on the same data. @default a new temp file */
  dbPath?: string;
  /** Adjust the testing module (override providers or modules). */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /**
   * The HTTP platform, as `HTTP_ADAPTER` picks it in main.ts. The feature suites run on Express
   * unless `TEST_HTTP_ADAPTER=fastify` runs them all on Fastify (the app's own default); the
   * body-abuse, conformance, docs and Fastify suites run on both or on Fastify by themselves.
   * @default process.env.TEST_HTTP_ADAPTER ?? 'express'
   */
  adapter?: HttpAdapterName;
}

const testAdapter = (): HttpAdapterName =>
  process.env.TEST_HTTP_ADAPTER === 'fastify' ? 'fastify' : 'express';

/** A fresh SQLite file in its own temp folder, removed after the spec file. */
export function tempDbPath(): string {
  return join(makeTempDir('lex-auth-e2e-'), 'app.sqlite');
}

// Fast, quiet defaults for tests; each suite overrides what it exercises.
const TEST_ENV = {
  LEX_ENV: 'test',
  LOG_LEVEL: 'silent',
  LEX_AUTH__PASSWORD__ROUNDS: '4',
  LEX_AUTH__LOGIN_RATE_LIMIT: '100000/minute',
};

/**
 * Boots the example host (AppModule) on a real SQLite file, with the same HTTP setup as main.ts,
 * and serves it over real HTTP through supertest.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dbPath = options.dbPath ?? tempDbPath();
  const adapter = options.adapter ?? testAdapter();
  const env = { ...TEST_ENV, DB_PATH: dbPath, ...options.env };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const builder = Test.createTestingModule({ imports: [AppModule] });
    const moduleRef = await (options.override?.(builder) ?? builder).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>(
      await createHttpAdapter(adapter, null),
      { bodyParser: false },
    );
    await configureApp(app);
    await app.init();
    // Fastify routes requests only once its plugins have loaded.
    if (adapter === 'fastify')
      await (
        app.getHttpAdapter().getInstance() as unknown as { ready(): Promise<unknown> }
      ).ready();
    return { app, http: request(app.getHttpServer()), dbPath, close: () => app.close() };
  } finally {
    process.env = saved;
  }
}
