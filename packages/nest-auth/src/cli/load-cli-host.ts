import type { DynamicModule, Type } from '@nestjs/common';
import { resolve } from 'node:path';
import type { AuthCliHost } from './cli-host';
import { UsageError } from './cli-errors';

/** The variable naming the host file when `--module` is not given. */
export const CLI_MODULE_VARIABLE = 'LEX_AUTH_CLI_MODULE';

/** The arguments without `--module <path>` / `--module=<path>`, and that path. */
export function takeModuleOption(argv: readonly string[]): { argv: string[]; module?: string } {
  const rest: string[] = [];
  let module: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--module') {
      module = argv[++i];
      if (module === undefined) throw new UsageError('--module needs a path.');
    } else if (arg.startsWith('--module=')) module = arg.slice('--module='.length);
    else rest.push(arg);
  }
  return { argv: rest, module };
}

const isDynamicModule = (value: object): value is DynamicModule =>
  typeof (value as DynamicModule).module === 'function' &&
  ['imports', 'providers', 'exports', 'controllers', 'global'].some((key) => key in value);

/**
 * Loads the host file (resolved from `cwd`): its `authCliHost` or `default` export as an
 * `AuthCliHost`, or a Nest module (a class or a dynamic module) exported as `default` or `module`.
 * @returns `{}` when no file is named: the commands that need no stores still run
 * @throws UsageError when the file does not load or exports neither
 */
export function loadCliHost(path: string | undefined, cwd = process.cwd()): AuthCliHost {
  if (!path) return {};
  let exported: Record<string, unknown>;
  try {
    // The host file is the host's code, found at run time: only require reaches it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(resolve(cwd, path)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`--module ${path} does not load: ${(error as Error).message}`);
  }
  const found = exported.authCliHost ?? exported.default ?? exported.module;
  if (typeof found === 'function') return { module: found as Type<unknown> };
  if (found !== null && typeof found === 'object')
    return isDynamicModule(found) ? { module: found } : found;
  throw new UsageError(
    `--module ${path} exports no CLI host: export \`authCliHost\` (an AuthCliHost) or the Nest ` +
      'module as `default`.',
  );
}
