import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A PDF file name the terminal made: a plain name, never a path. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.pdf$/;

/** The folder PDFs of receipts and reports are saved in (`<data dir>/receipts`). Never overwrites a file. */
export class ReceiptsFolder {
  constructor(readonly dir: string) {}

  /** Writes the PDF under `fileName`, or `name-2.pdf`, `name-3.pdf` … when taken; returns the name used. */
  write(fileName: string, pdf: Uint8Array): string {
    if (!SAFE_NAME.test(fileName)) throw new Error('Not a plain PDF file name');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const stem = fileName.slice(0, -'.pdf'.length);
    for (let n = 1; n <= 1000; n++) {
      const candidate = n === 1 ? fileName : `${stem}-${n}.pdf`;
      try {
        writeFileSync(path.join(this.dir, candidate), pdf, { flag: 'wx', mode: 0o600 });
        return candidate;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new Error('No free file name for the PDF');
  }
}
