import { Writable } from 'node:stream';
import { CliOutput, COMMANDS, runCli } from '@lexigram/nest-auth/cli';
import { authCliHost } from './auth-cli-host';

class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** The socket error pg rejects with when nothing listens on the port. */
const refused = (port: number) =>
  Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), {
    code: 'ECONNREFUSED',
    address: '127.0.0.1',
    port,
  });

async function showUser(error: Error) {
  const stderr = new Collected();
  const code = await runCli({
    argv: ['users:show', 'bob@example.com'],
    env: { DB_TYPE: 'postgres', DB_HOST: '127.0.0.1', DB_PORT: '5999' },
    commands: COMMANDS,
    host: authCliHost,
    createApp: () => Promise.reject(error),
    out: (json) => new CliOutput(json, new Collected(), stderr),
  });
  return { code, stderr: stderr.text };
}

describe('the CLI over the example host, when the app cannot connect', () => {
  it('names DB_HOST/DB_PORT when the database refuses the connection', async () => {
    expect(await showUser(refused(5999))).toEqual({
      code: 1,
      stderr:
        'error: DB_HOST/DB_PORT: PostgreSQL at 127.0.0.1:5999 refused the connection. Check DB_HOST and DB_PORT, and that the database is running and reachable from this host.\n',
    });
  });

  it('leaves another refusal (Redis on its own port) as it came', async () => {
    expect(await showUser(refused(6379))).toEqual({
      code: 1,
      stderr: 'error: connect ECONNREFUSED 127.0.0.1:6379\n',
    });
  });
});
