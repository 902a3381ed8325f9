import { AuthClock } from '../../common/auth-clock';
import { AuthConfig } from '../../settings/auth-config';
import { MfaService } from '../../mfa/mfa.service';
import type { CliCommand } from '../cli-command';
import { requireUser } from '../cli-helpers';

export const usersMfaReset: CliCommand = {
  name: 'users:mfa-reset',
  args: ['email'],
  summary: "Turn off a user's TOTP MFA and end their sessions (lost device and recovery codes)",
  description:
    'The support path for a user who lost both their authenticator and their recovery codes. Removes the TOTP enrolment, the recovery codes and any open login challenge, ends every session of the user (their tokens are revoked), and publishes auth.mfa.disabled and auth.token.revoked (cause mfa_change), as a disable by the user does. The user then logs in with the password alone and can enrol a new device.\n\n' +
    "This skips the second factor entirely: BEFORE running it, verify the person's identity out of band (a call back to a number on file, an ID check, the account owner's manager), never on the strength of a support ticket or an email alone. Record who verified and how.\n\n" +
    'Prints changed: false (exit 0) when MFA was not on; a pending, unconfirmed enrolment is left alone. Exits 1 for an unknown email.',
  async run({ args, app, out }) {
    const ctx = await app();
    const user = await requireUser(ctx, args[0]);
    const now = new Date(ctx.get(AuthClock).now());
    const changed = await ctx.get(MfaService).adminDisable(user.id);
    out.result({
      email: user.email,
      userId: user.id,
      changed,
      mfaEnabled: false,
      tokensRevokedBefore: changed ? now.toISOString() : null,
    });
    if (!changed) out.line('MFA was not enabled for this user; nothing changed.');
    else {
      out.line(
        'TOTP, recovery codes and open challenges removed; every session ended. The user logs in with the password alone and can enrol a new device.',
      );
      if (!ctx.get(AuthConfig).mfa.enabled)
        out.line('Note: MFA is switched off in this configuration (auth.mfa.enabled=false).');
    }
  },
};
