import { UsageError } from './cli-errors';

/**
 * Reads a password from stdin (never argv, which `ps` and shell history expose): the first line
 * of piped input, or a typed line when stdin is a terminal.
 * @throws UsageError when stdin is empty
 */
export async function readPasswordFromStdin(
  stdin: NodeJS.ReadStream = process.stdin,
  prompt: (text: string) => void = (text) => process.stderr.write(text),
): Promise<string> {
  if (stdin.isTTY) prompt('Password (input is not hidden; prefer piping it): ');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) {
    chunks.push(Buffer.from(chunk as Buffer));
    if (stdin.isTTY && chunks.some((c) => c.includes(10))) break;
  }
  // The first line only: `echo pw | cli …` adds a newline that is not part of the password.
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  if (!password) throw new UsageError('No password on stdin. Pipe it: printf %s "$PW" | cli …');
  return password;
}
