import type { Plugin } from 'esbuild';

/**
 * Packages that must stay `require`d from node_modules at run time: native addons (their `.node`
 * file is found relative to their own folder) and the drivers they load.
 */
export const NATIVE_PACKAGES = ['better-sqlite3', 'bcrypt', 'argon2', 'pg-native'];

/**
 * Nest, TypeORM and others `require` optional packages inside a try/catch (`loadPackage`) and
 * carry on without them when they are not installed (class-validator, @nestjs/microservices, …).
 * A bare import that does not resolve from its importer is left as a run-time `require`, so it
 * fails or succeeds exactly as it would without the bundle; the build lists them.
 */
export function optionalPackages(missing: Set<string>): Plugin {
  return {
    name: 'optional-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.pluginData === 'optional-packages' || args.path.startsWith('node:')) return;
        try {
          require.resolve(args.path, { paths: [args.resolveDir] });
          return undefined;
        } catch {
          missing.add(args.path);
          return { path: args.path, external: true };
        }
      });
    },
  };
}
