import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CliModule } from './cli.module';
import { COMMANDS } from './commands';
import { runCli } from './run-cli';

/**
 * The admin CLI: `npm run cli -- <command>` or `node dist/cli/main.js <command>`.
 * Nest's own logs are off: stdout carries only the command's result, so `--json` pipes cleanly.
 */
async function main(): Promise<void> {
  const code = await runCli({
    argv: process.argv.slice(2),
    env: process.env,
    commands: COMMANDS,
    createApp: () =>
      NestFactory.createApplicationContext(CliModule, { logger: false, abortOnError: false }),
  });
  process.exitCode = code;
}

void main();
