import { DEFAULT_SECRET_KEY } from '../../settings/auth-settings';
import { mintedAudience } from '../../tokens/token-audience';
import {
  type DoctorConfigInput,
  type DoctorFinding,
  failFromProblems,
  ok,
  problemsOf,
} from './doctor-check';
import { checkPasskeys } from './passkey-check';

const HMAC_MIN_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 };
const MAKE_SECRET = 'Set LEX_AUTH__TOKEN__SECRET_KEY to the output of `openssl rand -hex 32`.';
const SECRET_VARIABLES = [
  'LEX_AUTH__SECRET_KEY',
  'LEX_AUTH__TOKEN__SECRET_KEY',
  'LEX_AUTH__TOKEN__PRIVATE_KEY',
  'LEX_AUTH__TOKEN__PUBLIC_KEY',
];

/** Every boot problem at once: the app refuses to start while any remains. */
export function checkBootConfiguration(input: DoctorConfigInput): DoctorFinding {
  if (input.problems.length === 0) return ok('configuration', 'every setting is valid');
  return failFromProblems('configuration', input.problems);
}

/** The default or a short HMAC secret lets anyone who read the source mint tokens. */
export function checkSecret(input: DoctorConfigInput): DoctorFinding {
  const problems = problemsOf(input, SECRET_VARIABLES);
  if (problems.length > 0) return failFromProblems('secret', problems);
  if (!input.config)
    return {
      check: 'secret',
      status: 'warn',
      message: 'not checked: the configuration does not parse',
      fix: 'Fix the configuration first.',
    };
  const { algorithm, secretKey } = input.config.token;
  const minBytes = HMAC_MIN_BYTES[algorithm];
  if (minBytes === undefined) return ok('secret', `${algorithm} with a key pair`);
  if (secretKey === DEFAULT_SECRET_KEY)
    return {
      check: 'secret',
      status: 'warn',
      message: 'the built-in development secret is in use; staging and production refuse it',
      fix: MAKE_SECRET,
    };
  const bytes = Buffer.byteLength(secretKey, 'utf8');
  if (bytes < minBytes)
    return {
      check: 'secret',
      status: 'warn',
      message: `${algorithm} secret is ${bytes} bytes; ${minBytes} are required outside development`,
      fix: MAKE_SECRET,
    };
  return ok('secret', `${algorithm} secret of ${bytes} bytes`);
}

/** The login rate limit must parse, or no limit protects /auth/login. */
export function checkRateLimit(input: DoctorConfigInput): DoctorFinding {
  const problems = problemsOf(input, ['LEX_AUTH__LOGIN_RATE_LIMIT']);
  if (problems.length > 0 || !input.config)
    return failFromProblems(
      'rate limit',
      problems.length > 0
        ? problems
        : [
            {
              variable: 'LEX_AUTH__LOGIN_RATE_LIMIT',
              message: 'not checked: the configuration does not parse.',
            },
          ],
    );
  const { limit, ttlSeconds, text } = input.config.loginRateLimit;
  return ok('rate limit', `${text}: ${limit} login requests per ${ttlSeconds} s per client`);
}

/** A required audience the server does not mint rejects every token it issues. */
export function checkAudience(input: DoctorConfigInput): DoctorFinding {
  if (!input.config)
    return {
      check: 'audience',
      status: 'warn',
      message: 'not checked: the configuration does not parse',
      fix: 'Fix the configuration first.',
    };
  const { requiredAudience } = input.config.token;
  const audience = mintedAudience(input.config.token);
  if (!requiredAudience) return ok('audience', `no audience required; minted aud=${audience}`);
  if (audience === requiredAudience)
    return ok('audience', `minted aud matches the required ${requiredAudience}`);
  return {
    check: 'audience',
    status: 'fail',
    message: `tokens are minted with aud=${audience} but aud=${requiredAudience} is required, so every token this server issues is refused with TokenAudienceError`,
    fix: `Set LEX_AUTH__TOKEN__AUDIENCE=${requiredAudience}, or unset LEX_AUTH__TOKEN__REQUIRED_AUDIENCE.`,
  };
}

/** The redis store without REDIS_URL cannot boot; a URL without the store is unused. */
export function checkRedisConfigured(input: DoctorConfigInput): DoctorFinding {
  const problems = problemsOf(input, ['REDIS_URL', 'LEX_AUTH__STORE']);
  if (problems.length > 0) return failFromProblems('redis', problems);
  const store = input.config?.store ?? input.env.LEX_AUTH__STORE;
  if (store === 'redis' && !input.env.REDIS_URL && !input.config?.redisUrl)
    return {
      check: 'redis',
      status: 'fail',
      message: 'LEX_AUTH__STORE=redis but REDIS_URL is not set',
      fix: 'Set REDIS_URL=redis://host:6379 (or rediss:// for TLS).',
    };
  if (store === 'redis') return ok('redis', 'configured (reachability: see the store checks)');
  return ok('redis', `not needed (store=${store ?? 'database'})`);
}

export const CONFIG_CHECKS = [
  checkBootConfiguration,
  checkSecret,
  checkRateLimit,
  checkAudience,
  checkRedisConfigured,
  checkPasskeys,
];
