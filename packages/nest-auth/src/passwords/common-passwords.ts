import type * as LanguageCommon from '@zxcvbn-ts/language-common';

let commonPasswords: ReadonlySet<string> | undefined;

/**
 * True when `password` (compared case-insensitively) is among the ~49,000 most common passwords
 * of public breach corpora, as shipped by zxcvbn-ts. Loaded on first use: the package decompresses
 * every word list it has when it is required, which no boot needs.
 */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous and on first use
    (require('@zxcvbn-ts/language-common') as typeof LanguageCommon).dictionary['passwords-common'],
  );
  return commonPasswords.has(password.toLowerCase());
}
