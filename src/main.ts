import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap/configure-app';
import { AppConfig } from './config/app-config';
import { checkConfiguration } from './config/check-configuration';

async function bootstrap(): Promise<void> {
  // Fail fast, all problems at once, before any connection is opened.
  const problems = checkConfiguration(process.env);
  if (problems.length > 0) {
    console.error(`Refusing to start: ${problems.length} configuration problem(s)`);
    for (const p of problems) console.error(`  - ${p.variable}: ${p.message}`);
    process.exit(1);
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  configureApp(app);
  await app.listen(app.get(AppConfig).port);
}

bootstrap().catch((error: unknown) => {
  console.error('Refusing to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
