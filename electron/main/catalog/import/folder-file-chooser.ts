import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CatalogFileChooser } from './catalog-import';

/**
 * The browser host's stand-in for the open dialog (development and tests): the most recently
 * changed .csv or .json file in one folder, or null (cancelled) when there is none. The folder is
 * the host's own (see browser-host/main.ts); the page never names a path.
 */
export function folderFileChooser(dir: string): CatalogFileChooser {
  return {
    async choose() {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return null;
      }
      const files = names
        .filter((name) => /\.(csv|json)$/i.test(name))
        .map((name) => path.join(dir, name))
        .flatMap((file) => {
          const stat = statSync(file, { throwIfNoEntry: false });
          return stat?.isFile() ? [{ file, changedMs: stat.mtimeMs }] : [];
        })
        .sort((a, b) => b.changedMs - a.changedMs || a.file.localeCompare(b.file));
      return files[0]?.file ?? null;
    },
  };
}
