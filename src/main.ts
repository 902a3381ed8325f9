import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap/configure-app';
import { createHttpAdapter } from './bootstrap/create-http-adapter';
import { AppConfig } from './config/app-config';
import { loadAppConfig } from './config/load-app-config';
import { preflightProblems, refuseToStart } from './bootstrap/preflight';

async function bootstrap(): Promise<void> {
  // Fail fast, all problems at once (keys and database reachability included), before Nest
  // opens any connection.
  const problems = await preflightProblems(process.env);
  if (problems.length > 0) refuseToStart(problems);
  const { httpAdapter, trustProxy } = loadAppConfig(process.env).config!;
  const adapter = await createHttpAdapter(httpAdapter, trustProxy);
  const app = await NestFactory.create(AppModule, adapter, {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  await configureApp(app);
  const { port } = app.get(AppConfig);
  // Fastify listens on localhost unless told otherwise; Express on every interface.
  await (httpAdapter === 'fastify' ? app.listen(port, '0.0.0.0') : app.listen(port));
}

bootstrap().catch((error: unknown) => {
  console.error('Refusing to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
