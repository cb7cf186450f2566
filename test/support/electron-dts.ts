import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The installed Electron's own type definitions: what its API really says, read so the fakes cannot drift. */
export function electronDtsPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('electron/package.json')), 'electron.d.ts');
}

export function electronDts(): string {
  return readFileSync(electronDtsPath(), 'utf8');
}

/** The `failureReason` strings `webContents.print` documents, e.g. "Print job canceled". */
export function printFailureReasons(): string[] {
  const text = electronDts();
  const start = text.indexOf('Some possible `failureReason`s for print failure include:');
  if (start < 0) throw new Error('electron.d.ts no longer lists print failure reasons');
  const block = text.slice(start, text.indexOf('print(options?: WebContentsPrintOptions', start));
  return [...block.matchAll(/^\s*\* \* "([^"]+)"/gm)].map((m) => m[1]!);
}
