import { existsSync, readFileSync } from 'node:fs';

/**
 * A key setting is PEM text or the path of a PEM file. PEM text set in an env file often has its
 * line breaks written as `\n`; those are turned back into line breaks.
 * @returns the PEM text, or null when the value is neither PEM text nor an existing file
 */
export function readKeyPem(value: string): string | null {
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n');
  return existsSync(value) ? readFileSync(value, 'utf8') : null;
}
