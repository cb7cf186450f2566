import { open } from 'node:fs/promises';
import path from 'node:path';
import type { ImportReport } from '../../../../shared/domain/catalog';
import { CatalogChangeError } from '../catalog-errors';
import type { CatalogService } from '../catalog-service';
import { checkRows } from './check-rows';
import { csvRows, ImportFileError, jsonRows, type RowError } from './import-rows';

/**
 * Where the file comes from: Electron's open dialog on a till, a folder in the browser host
 * (see browser-host/main.ts). Returns an absolute path, or null when the person cancelled.
 */
export interface CatalogFileChooser {
  choose(): Promise<string | null>;
}

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
}

/** 100,000 rows of a realistic CSV are about 10 MB; anything past these is refused before parsing. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxBytes: 32 * 1024 * 1024, maxRows: 100_000 };
const MAX_REPORTED_ERRORS = 200;

export interface CatalogImporterDeps {
  catalog: CatalogService;
  chooser: CatalogFileChooser;
  storeCurrency: () => string;
  limits?: ImportLimits;
}

/** An admin's import: file → rows → checks → one applyChanges batch, with a report of every refused row by line. */
export class CatalogImporter {
  private readonly limits: ImportLimits;

  constructor(private readonly deps: CatalogImporterDeps) {
    this.limits = deps.limits ?? DEFAULT_IMPORT_LIMITS;
  }

  async importFile(actorId: string | null): Promise<ImportReport> {
    const chosen = await this.deps.chooser.choose();
    if (chosen === null) return this.report('cancelled', null, 0, 0, [], this.deps.catalog.info().version);
    const fileName = path.basename(chosen).slice(0, 260);
    let text: string;
    try {
      text = await this.readBounded(chosen);
    } catch (error) {
      if (error instanceof ImportFileError)
        return this.report('refused', fileName, 0, 0, [{ line: error.line, message: error.message }], this.deps.catalog.info().version);
      throw error;
    }
    return this.importText(fileName, text, actorId);
  }

  /** The checks and the batch, given a file's text (the file itself is read by importFile). */
  importText(fileName: string, text: string, actorId: string | null): ImportReport {
    const catalog = this.deps.catalog;
    const asJson = /\.json$/i.test(fileName) || (!/\.csv$/i.test(fileName) && /^\uFEFF?\s*\[/.test(text));
    let parsed: ReturnType<typeof csvRows>;
    try {
      parsed = asJson ? jsonRows(text, this.limits.maxRows) : csvRows(text, this.deps.storeCurrency(), this.limits.maxRows);
    } catch (error) {
      if (error instanceof ImportFileError)
        return this.report('refused', fileName, 0, 0, [{ line: error.line, message: error.message }], catalog.info().version);
      throw error;
    }
    const rowsRead = parsed.rows.length + parsed.errors.length;
    const checked = checkRows(parsed.rows, {
      taxCategoryIds: new Set(catalog.info().taxCategories.map((c) => c.id)),
      barcodeOwner: (code) => catalog.barcodeOwner(code),
    });
    const errors = [...parsed.errors, ...checked.errors].sort((a, b) => a.line - b.line);
    if (checked.accepted.length === 0) return this.report('refused', fileName, rowsRead, 0, errors, catalog.info().version);

    try {
      const version = catalog.applyChanges({ upsert: checked.accepted }, 'import', {
        action: 'catalog.imported',
        actorId,
        target: fileName.slice(0, 200),
        details: { source: 'import', rowsRead, imported: checked.accepted.length, refused: errors.length },
      });
      return this.report('imported', fileName, rowsRead, checked.accepted.length, errors, version);
    } catch (error) {
      // The checks above mirror applyChanges, so this is a catalog that changed under the import.
      if (!(error instanceof CatalogChangeError)) throw error;
      return this.report(
        'refused',
        fileName,
        rowsRead,
        0,
        [...errors, { line: 1, message: `Nothing imported: ${error.message}` }],
        catalog.info().version,
      );
    }
  }

  /** Refuses a file over the size limit from its size alone, before reading any of it. */
  private async readBounded(file: string): Promise<string> {
    const handle = await open(file, 'r').catch(() => {
      throw new ImportFileError(1, 'The file could not be opened.');
    });
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new ImportFileError(1, 'That is not a file.');
      if (stat.size > this.limits.maxBytes) {
        throw new ImportFileError(
          1,
          `The file is ${Math.ceil(stat.size / 1_048_576)} MB; at most ${Math.floor(this.limits.maxBytes / 1_048_576)} MB can be imported at once.`,
        );
      }
      // One byte more than the size said: reading it means the file grew while being read.
      const buffer = Buffer.alloc(stat.size + 1);
      let length = 0;
      while (length < buffer.length) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      if (length > stat.size) throw new ImportFileError(1, 'The file changed while it was read: try again.');
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
      } catch {
        throw new ImportFileError(1, 'The file is not UTF-8 text: save it as CSV UTF-8 or JSON.');
      }
    } finally {
      await handle.close();
    }
  }

  private report(
    outcome: ImportReport['outcome'],
    fileName: string | null,
    rowsRead: number,
    imported: number,
    errors: RowError[],
    version: number,
  ): ImportReport {
    return {
      outcome,
      fileName,
      rowsRead,
      imported,
      errors: errors.slice(0, MAX_REPORTED_ERRORS).map((e) => ({ line: e.line, message: e.message.slice(0, 300) })),
      moreErrors: Math.max(0, errors.length - MAX_REPORTED_ERRORS),
      version,
    };
  }
}
