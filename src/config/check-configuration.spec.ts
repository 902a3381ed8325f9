import fs from 'node:fs';
import { Writable } from 'node:stream';
import { testKeyPair } from '../../packages/nest-auth/src/testing';
import { CliOutput, COMMANDS, runCli, runConfigChecks } from '@lexigram/nest-auth/cli';
import { authCliHost } from '../cli/auth-cli-host';
import { checkConfiguration } from './check-configuration';

class Collected extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const weak = testKeyPair('RS256', 1024);
/** Production on SQLite with a 1024-bit key: host and key problems at once. */
const ENV = {
  LEX_ENV: 'production',
  SMTP_URL: 'smtp://mail.example.com:587',
  LEX_AUTH__TOKEN__ALGORITHM: 'RS256',
  LEX_AUTH__TOKEN__PRIVATE_KEY: weak.privateKey,
  LEX_AUTH__TOKEN__PUBLIC_KEY: weak.publicKey,
};
const WEAK_KEY = 'LEX_AUTH__TOKEN__PRIVATE_KEY: is a 1024-bit RSA key';

describe('checkConfiguration: one check for the boot, config:check and doctor', () => {
  // No config.yaml is read: these checks see the environment alone.
  beforeEach(() => jest.spyOn(fs, 'existsSync').mockReturnValue(false));
  afterEach(() => jest.restoreAllMocks());

  it('lists the host problems and the token key problems together', () => {
    const lines = checkConfiguration(ENV).map((p) => `${p.variable}: ${p.message}`);

    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DB_TYPE: SQLite is for development/),
        expect.stringMatching(/^DB_HOST: is required in production/),
        expect.stringContaining(WEAK_KEY),
      ]),
    );
  });

  it('config:check prints the key problem and exits 1', async () => {
    const stdout = new Collected();
    const code = await runCli({
      argv: ['config:check'],
      env: ENV,
      commands: COMMANDS,
      host: authCliHost,
      createApp: () => Promise.reject(new Error('config:check needs no app')),
      out: (json) => new CliOutput(json, stdout, new Collected()),
    });

    expect(code).toBe(1);
    expect(stdout.text).toContain(WEAK_KEY);
  });

  it("doctor's configuration check fails with the same key problem", () => {
    const finding = runConfigChecks(authCliHost, ENV).find((f) => f.check === 'configuration');

    expect(finding).toMatchObject({ status: 'fail', message: expect.stringContaining(WEAK_KEY) });
  });
});
