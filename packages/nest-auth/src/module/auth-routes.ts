import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { RouterModule, type Routes } from '@nestjs/core';
import { AuthConfigurationError } from '../settings/auth-configuration.error';
import { AUTH_MODULE_OPTIONS } from './auth-module-options.token';

/** The part of the module options that places the routes. */
export interface BasePathOption {
  basePath?: string;
}

export const DEFAULT_BASE_PATH = 'auth';

// Path segments of letters, digits, `-`, `_` and `.`, separated by single slashes: no parameters,
// wildcards or empty segments, which would make the module's routes match what they must not.
const BASE_PATH = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/**
 * `basePath` without its outer slashes; `''` puts the routes at the root.
 * @throws AuthConfigurationError for anything but plain path segments
 */
export function basePathOf({ basePath = DEFAULT_BASE_PATH }: BasePathOption): string {
  const trimmed = basePath.replace(/^\/+|\/+$/g, '');
  if (trimmed === '' || BASE_PATH.test(trimmed)) return trimmed;
  throw new AuthConfigurationError([
    {
      variable: 'basePath',
      message: `${JSON.stringify(basePath)} is not a path: use segments of letters, digits, "-", "_" and "." separated by "/" (e.g. "auth" or "api/identity").`,
    },
  ]);
}

// RouterModule reads its routes from this provider; Nest does not export the token itself.
const ROUTES_TOKEN = (RouterModule.register([]).providers as Provider[] & { provide: symbol }[])[0]
  .provide;

/**
 * Puts every controller of `modules` under the `basePath` of the module options: Nest's
 * RouterModule, with its routes read from the options (a `forRootAsync` factory's too).
 */
export function authRouterModule(core: DynamicModule, modules: Type[]): DynamicModule {
  return {
    module: RouterModule,
    imports: [core],
    providers: [
      {
        provide: ROUTES_TOKEN,
        inject: [AUTH_MODULE_OPTIONS],
        useFactory: (o: BasePathOption): Routes =>
          modules.map((module) => ({ path: basePathOf(o), module })),
      },
    ],
  };
}
