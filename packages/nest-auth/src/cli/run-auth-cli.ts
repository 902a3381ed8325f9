import { NestFactory } from '@nestjs/core';
import type { AuthCliHost } from './cli-host';
import { NO_HOST_MODULE } from './cli-host';
import { CommandFailedError } from './cli-errors';
import { COMMANDS } from './commands';
import { runCli } from './run-cli';

/**
 * The admin CLI over a host: its module booted without HTTP on the first command that needs the
 * stores. Nest's own logs are off: stdout carries only the command's result, so `--json` pipes
 * cleanly.
 * @returns the exit code
 */
export function runAuthCli(options: {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  host?: AuthCliHost;
}): Promise<number> {
  const host = options.host ?? {};
  return runCli({
    argv: options.argv,
    env: options.env,
    commands: COMMANDS,
    host,
    createApp: () =>
      host.module
        ? NestFactory.createApplicationContext(host.module, { logger: false, abortOnError: false })
        : Promise.reject(new CommandFailedError(NO_HOST_MODULE)),
  });
}
