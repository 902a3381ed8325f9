#!/usr/bin/env node
import 'reflect-metadata';
import { EXIT_USAGE, UsageError } from './cli-errors';
import { CLI_MODULE_VARIABLE, loadCliHost, takeModuleOption } from './load-cli-host';
import { runAuthCli } from './run-auth-cli';

/**
 * `npx lexigram-auth [--module <file>] <command>`: the package's bin. The host file (or
 * LEX_AUTH_CLI_MODULE) gives the Nest module reaching the stores; the configuration commands
 * and doctor's configuration checks need none.
 */
async function main(): Promise<void> {
  try {
    const { argv, module } = takeModuleOption(process.argv.slice(2));
    const host = loadCliHost(module ?? process.env[CLI_MODULE_VARIABLE]);
    process.exitCode = await runAuthCli({ argv, env: process.env, host });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = EXIT_USAGE;
  }
}

void main();
