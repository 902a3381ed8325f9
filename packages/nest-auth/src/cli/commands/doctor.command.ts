import type { CliCommand } from '../cli-command';
import { runConfigChecks, runRuntimeChecks, runServiceChecks } from '../doctor/run-doctor';

export const doctor: CliCommand = {
  name: 'doctor',
  args: [],
  summary: 'Check this deployment against the troubleshooting page: ok / warn / fail with fixes',
  description:
    'Checks, in order: the whole boot configuration; the JWT secret (default or short); the login rate limit; the required audience against the aud this server mints; REDIS_URL when store=redis; the checks the host adds through its --module; then, with the app started: the user store (a test lookup); the stored password hashes against the hashing configuration (how many users would be re-hashed); the login attempt tracker and token blacklist stores; the clock against the database; finally the mail server when SMTP_URL is set (connects and logs in, 3 s timeout; the password is never printed), or whether the development outbox is acceptable here; and each OpenID provider discovery document (oidc.discovery_timeout_seconds). Exits 1 when any check fails; warnings exit 0.',
  async run({ env, host, app, out }) {
    const findings = [
      ...runConfigChecks(host, env),
      ...(await runRuntimeChecks(host, app)),
      ...(await runServiceChecks(host, env)),
    ];
    const failed = findings.some((f) => f.status === 'fail');
    if (out.json) out.result({ ok: !failed, findings });
    else {
      for (const f of findings) {
        out.line(`${f.status.toUpperCase().padEnd(4)}  ${f.check}: ${f.message}`);
        if (f.fix) out.line(`      fix: ${f.fix}`);
      }
    }
    return failed ? 1 : 0;
  },
};
