import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/**
 * Files that `require` a package by a computed name, and the names that must come from the bundle.
 * Left alone, such a `require` loads a second copy of the package (and of Nest under it) from
 * node_modules: terminus checks that TypeORM is installed by requiring `@nestjs/typeorm`, which
 * pulled in ~700 files again, and a second `@nestjs/core`, at every boot.
 */
const BY_NAME: { file: RegExp; call: string; names: string[] }[] = [
  {
    file: /@nestjs\/terminus\/dist\/utils\/checkPackage\.util\.js$/,
    call: 'require(`${module}`)',
    names: ['@nestjs/typeorm', 'typeorm'],
  },
];

export function requiredByName(): Plugin {
  return {
    name: 'required-by-name',
    setup(build) {
      for (const { file, call, names } of BY_NAME) {
        build.onLoad({ filter: file }, async (args) => {
          const source = await readFile(args.path, 'utf8');
          if (!source.includes(call)) throw new Error(`${args.path}: no ${call} to replace`);
          const table = names.map(
            (name) => `${JSON.stringify(name)}: () => require(${JSON.stringify(name)})`,
          );
          const argument = /\$\{(\w+)\}/.exec(call)![1];
          const lookup = `({ ${table.join(', ')} }[${argument}] ?? (() => ${call}))()`;
          return { contents: source.replace(call, lookup), loader: 'js' };
        });
      }
    },
  };
}
