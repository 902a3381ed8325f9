/**
 * Where a command writes. In `--json` mode only the final `result` reaches stdout, as one JSON
 * document, so scripts can pipe it; human lines are dropped. Errors always go to stderr.
 */
export class CliOutput {
  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly stderr: NodeJS.WritableStream = process.stderr,
  ) {}

  /** A line for people; silent in `--json` mode. */
  line(text = ''): void {
    if (!this.json) this.stdout.write(`${text}\n`);
  }

  /** The command's result: JSON in `--json` mode, otherwise `key: value` lines. */
  result(value: Record<string, unknown>): void {
    if (this.json) {
      this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      this.line(`${key}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`);
    }
  }

  error(text: string): void {
    this.stderr.write(`${text}\n`);
  }
}
