import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where a customer's data export goes: main asks (Electron's save dialog; a folder in the browser host)
 * and writes the files itself. The page never names a path and learns file names only.
 */
export interface ExportDestination {
  /** A path for `suggestedName` (a .json file), or null when the person cancelled. */
  choose(suggestedName: string): Promise<string | null>;
}

export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

/** The browser host's stand-in for the save dialog: a fresh name in one folder, never overwriting. */
export function folderDestination(dir: string): ExportDestination {
  return {
    async choose(suggestedName) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const stem = suggestedName.replace(/\.json$/, '');
      for (let n = 1; n <= 1000; n++) {
        const file = path.join(dir, n === 1 ? `${stem}.json` : `${stem}-${n}.json`);
        try {
          writeFileSync(file, '', { flag: 'wx', mode: 0o600 });
          return file;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
      }
      return null;
    },
  };
}

/** Writes the JSON to the chosen path and the PDF beside it (same name, .pdf); returns both names. */
export function writeExport(jsonPath: string, json: ExportFile, pdf: ExportFile): string[] {
  const pdfPath = jsonPath.replace(/(\.json)?$/i, '.pdf');
  writeFileSync(jsonPath, json.bytes, { mode: 0o600 });
  writeFileSync(pdfPath, pdf.bytes, { mode: 0o600 });
  return [path.basename(jsonPath), path.basename(pdfPath)];
}
