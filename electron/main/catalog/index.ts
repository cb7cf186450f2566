import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import { createCatalogHandlers } from './catalog-handlers';
import type { CatalogService } from './catalog-service';
import { CatalogImporter, type CatalogFileChooser } from './import/catalog-import';

// The catalog area's face: the products the register sells (searched, browsed, scanned), pulled from
// NoPOS by sync or imported from a file an admin picks.
export type { CatalogService } from './catalog-service';
export type { CatalogFileChooser } from './import/catalog-import';

export interface CatalogPorts {
  service: CatalogService;
  /** How an admin picks a catalog file to import; none: the import answers `unavailable`. */
  files?: CatalogFileChooser | undefined;
  storeCurrency: () => string;
}

export interface Catalog {
  service: CatalogService;
  handlers: Pick<Handlers<NoposContract>, 'catalog'>;
}

export function createCatalog(ports: CatalogPorts): Catalog {
  const { service, files, storeCurrency } = ports;
  const importer = files ? new CatalogImporter({ catalog: service, chooser: files, storeCurrency }) : null;
  return { service, handlers: { catalog: createCatalogHandlers(service, importer) } };
}
