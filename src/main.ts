import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap/configure-app';
import { createHttpAdapter } from './bootstrap/create-http-adapter';
import { AppConfig } from './config/app-config';
import { checkConfiguration } from './config/check-configuration';
import { loadAppConfig } from './config/load-app-config';

async function bootstrap(): Promise<void> {
  // Fail fast, all problems at once, before any connection is opened.
  const problems = checkConfiguration(process.env);
  if (problems.length > 0) {
    console.error(`Refusing to start: ${problems.length} configuration problem(s)`);
    for (const p of problems) console.error(`  - ${p.variable}: ${p.message}`);
    process.exit(1);
  }
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
