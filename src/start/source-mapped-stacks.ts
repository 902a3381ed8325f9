import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';

/**
 * Stack traces name the TypeScript file and line, not the bundle's. The map (several MB) is read
 * on the first stack trace that goes through the bundle, not at boot, where `--enable-source-maps`
 * would parse it (about a tenth of a boot).
 */
export function mapStackTraces(bundle: string): void {
  let map: SourceMap | null | undefined;
  const lookUp = (): SourceMap | null => {
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as never);
      } catch {
        map = null;
      }
    }
    return map;
  };
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => {
    const lines = frames.map((frame) => `    at ${mapped(frame, bundle, lookUp)}`);
    return [formatHeader(error), ...lines].join('\n');
  };
}

function mapped(frame: NodeJS.CallSite, bundle: string, lookUp: () => SourceMap | null): string {
  // V8's own rendering of the frame (`fn (file:line:column)`); only the location is replaced.
  const text = (frame as unknown as { toString(): string }).toString();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  if (frame.getFileName() !== bundle || line === null || column === null) return text;
  const entry = lookUp()?.findEntry(line - 1, column - 1);
  if (!entry || !('originalSource' in entry)) return text;
  const source = resolve(dirname(bundle), entry.originalSource);
  return text.replace(
    `${bundle}:${line}:${column}`,
    `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`,
  );
}

function formatHeader(error: Error): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return '<error>';
  }
}
