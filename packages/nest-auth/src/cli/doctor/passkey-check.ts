import { type DoctorConfigInput, type DoctorFinding, failFromProblems, ok } from './doctor-check';

const DEV_FALLBACK = '(unset: localhost in development and test only)';

/** The relying party passkeys are bound to, and the policy they are checked with. */
export function checkPasskeys(input: DoctorConfigInput): DoctorFinding {
  const problems = input.problems.filter((p) => p.variable.startsWith('LEX_AUTH__PASSKEYS__'));
  if (problems.length > 0) return failFromProblems('passkeys', problems);
  if (!input.config) {
    return {
      check: 'passkeys',
      status: 'warn',
      message: 'not checked: the configuration does not parse',
      fix: 'Fix the configuration first.',
    };
  }
  const p = input.config.passkeys;
  if (!p.enabled) return ok('passkeys', 'off (passkeys.enabled=false)');
  const origins = p.origins.length > 0 ? p.origins.join(', ') : DEV_FALLBACK;
  const factors = [p.asFirstFactor && 'first', p.asSecondFactor && 'second'].filter(Boolean);
  return ok(
    'passkeys',
    `rp_id ${p.rpId ?? DEV_FALLBACK}, origins ${origins}, user verification ${p.userVerification}, ` +
      `as ${factors.join(' and ') || 'no'} factor, at most ${p.maxPerUser} per user`,
  );
}
