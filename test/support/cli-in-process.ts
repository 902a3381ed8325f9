import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Writable } from 'node:stream';
import { CliOutput, COMMANDS, runCli } from '@lexigram/nest-auth/cli';
import { authCliHost } from '../../src/cli/auth-cli-host';

/** A stream that keeps what is written to it. */
class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs admin commands in this process against a test app's own providers: spawning the CLI costs
 * seconds per run, and the dispatcher, commands and output are the same code either way.
 */
export function inProcessCli(app: () => INestApplication) {
  const cli = async (argv: string[], env: Record<string, string> = {}): Promise<CliRun> => {
    const stdout = new Collected();
    const stderr = new Collected();
    // Commands close their context when they end; this one belongs to the test app.
    const context = {
      get: (token: string) => app().get<unknown>(token),
      close: () => Promise.resolve(),
    } as unknown as INestApplicationContext;
    const code = await runCli({
      argv,
      env,
      commands: COMMANDS,
      host: authCliHost,
      createApp: () => Promise.resolve(context),
      out: (json) => new CliOutput(json, stdout, stderr),
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };
  const cliJson = async (...argv: string[]) => {
    const run = await cli([...argv, '--json']);
    return { ...run, body: JSON.parse(run.stdout || '{}') as Record<string, unknown> };
  };
  return { cli, cliJson };
}
