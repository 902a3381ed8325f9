import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** A client as oidc-provider registers it. */
export interface ProviderClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  token_endpoint_auth_method?: string;
}

/** Claims of a test account (`sub` is its id). */
export type ProviderAccounts = Record<string, { email: string; email_verified: boolean }>;

export interface RunningProvider {
  issuer: string;
  stop(): Promise<void>;
}

/** Starts test/support/oidc-provider/oidc-provider.mjs on a free loopback port. */
export function startOidcProvider(
  clients: ProviderClient[],
  accounts: ProviderAccounts,
): Promise<RunningProvider> {
  const child = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], {
    env: {
      ...process.env,
      OIDC_CLIENTS: JSON.stringify(clients),
      OIDC_ACCOUNTS: JSON.stringify(accounts),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`oidc-provider exited (${code}): ${errors}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      const ready = /READY (\S+)/.exec(chunk.toString());
      if (ready) resolve({ issuer: ready[1], stop: () => stop(child) });
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
