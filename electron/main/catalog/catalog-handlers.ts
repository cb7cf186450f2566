import type { NoposContract } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/errors';
import type { Handlers } from '../ipc/registry';
import type { CatalogService } from './catalog-service';
import type { CatalogImporter } from './import/catalog-import';

/** `importer` is null on a host without a file chooser: the import then answers `unavailable`. */
export function createCatalogHandlers(catalog: CatalogService, importer: CatalogImporter | null): Handlers<NoposContract>['catalog'] {
  return {
    info: () => catalog.info(),
    search: ({ query, limit }) => catalog.search(query, limit),
    browse: ({ group, offset, limit }) => catalog.browse(group, offset, limit),
    importFile: (_request, { actorId }) => {
      if (!importer) throw new AppError('unavailable', 'This terminal has no way to choose a file.');
      return importer.importFile(actorId);
    },
    loadDemo: (_request, { actorId }) => catalog.loadDemo(actorId),
    clear: (_request, { actorId }) => catalog.clear(actorId),
  };
}
