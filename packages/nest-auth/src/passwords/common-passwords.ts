import { dictionary } from '@zxcvbn-ts/language-common';

let commonPasswords: ReadonlySet<string> | undefined;

/**
 * True when `password` (compared case-insensitively) is among the ~49,000 most common passwords
 * of public breach corpora, as shipped by zxcvbn-ts. Loaded on first use.
 */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common']);
  return commonPasswords.has(password.toLowerCase());
}
