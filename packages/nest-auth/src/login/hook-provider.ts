import type { FactoryProvider, InjectionToken } from '@nestjs/common';
import type { AuthLifecycleHook } from './auth-lifecycle-hook';
import { AuthLifecycleHooks } from './auth-lifecycle-hooks';

/**
 * The provider that builds a hook from `dependencies` and registers it with `AuthLifecycleHooks`
 * when the module is compiled, so its place in every login exists before `init()`.
 */
export function hookProvider<D extends unknown[]>(
  hook: new (...dependencies: D) => AuthLifecycleHook,
  ...dependencies: { [K in keyof D]: InjectionToken }
): FactoryProvider {
  return {
    provide: hook,
    inject: [AuthLifecycleHooks, ...dependencies],
    useFactory: (hooks: AuthLifecycleHooks, ...values: D) => hooks.register(new hook(...values)),
  };
}
