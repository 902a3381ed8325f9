import { AuthConfigurationError } from '../settings/auth-configuration.error';

/** An optional peer dependency: what needs it, where that is set, and the range to install. */
export interface OptionalDependency {
  name: string;
  range: string;
  /** The setting that makes the module need it (`LEX_AUTH__STORE=redis`). */
  variable: string;
  neededFor: string;
}

export const IOREDIS: OptionalDependency = {
  name: 'ioredis',
  range: '^5',
  variable: 'LEX_AUTH__STORE',
  neededFor: 'store=redis',
};
export const THROTTLER_REDIS: OptionalDependency = {
  name: '@nest-lab/throttler-storage-redis',
  range: '^1',
  variable: 'LEX_AUTH__STORE',
  neededFor: 'store=redis (the login rate limit in Redis)',
};
export const NODEMAILER: OptionalDependency = {
  name: 'nodemailer',
  range: '^7 || ^8 || ^9 || ^10',
  variable: 'SMTP_URL',
  neededFor: 'sending mail over SMTP',
};
export const ARGON2: OptionalDependency = {
  name: 'argon2',
  range: '^0.45',
  variable: 'LEX_AUTH__PASSWORD__ALGORITHM',
  neededFor: 'argon2id hashing',
};

export const EVENT_EMITTER: OptionalDependency = {
  name: '@nestjs/event-emitter',
  range: '^3',
  variable: 'EventEmitterModule',
  neededFor: 'audit events',
};

const isMissing = (error: unknown, name: string): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: unknown }).code === 'MODULE_NOT_FOUND' &&
  String((error as { message?: unknown }).message).includes(`'${name}'`);

/** The configuration error that names the package to install. */
export function missingDependency(dependency: OptionalDependency): AuthConfigurationError {
  return new AuthConfigurationError([
    {
      variable: dependency.variable,
      message:
        `${dependency.neededFor} needs the package ${dependency.name}, which is not installed: ` +
        `npm install ${dependency.name}@'${dependency.range}'`,
    },
  ]);
}

/**
 * Runs `load` (a dynamic import or a require of a module that imports `dependency`); when the
 * package itself is missing, throws the configuration error that says what to install instead of
 * Node's "Cannot find module". Any other failure passes through unchanged.
 */
export async function loadOptional<T>(
  dependency: OptionalDependency,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw isMissing(error, dependency.name) ? missingDependency(dependency) : error;
  }
}

/** `loadOptional` for the synchronous `require` of a package the caller cannot await. */
export function requireOptional<T>(dependency: OptionalDependency, load: () => T): T | null {
  try {
    return load();
  } catch (error) {
    if (isMissing(error, dependency.name)) return null;
    throw error;
  }
}
