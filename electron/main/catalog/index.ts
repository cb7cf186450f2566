import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { AuditTrail } from '../audit/audit-trail';
import type { Db } from '../storage/db';
import { createCatalogHandlers } from './catalog-handlers';
import { CatalogService } from './catalog-service';
import { CatalogImporter, type CatalogFileChooser } from './import/catalog-import';

// The catalog area's face: the products the register sells (searched, browsed, scanned), pulled from
// NoPOS by sync or imported from a file an admin picks.
export type { CatalogService } from './catalog-service';
export type { CatalogFileChooser } from './import/catalog-import';

export interface CatalogPorts {
  db: Db;
  audit: AuditTrail;
  /** How an admin picks a catalog file to import; none: the import answers `unavailable`. */
  files?: CatalogFileChooser | undefined;
  storeCurrency: () => string;
}

export interface Catalog {
  service: CatalogService;
  handlers: Pick<Handlers<NoposContract>, 'catalog'>;
}

export function createCatalog(ports: CatalogPorts): Catalog {
  const { db, audit, files, storeCurrency } = ports;
  // One instance for the register, the import and sync's pull: it caches the catalog's version record.
  const service = new CatalogService({ db, audit, storeCurrency });
  service.ensureInitialized();
  const importer = files ? new CatalogImporter({ catalog: service, chooser: files, storeCurrency }) : null;
  return { service, handlers: { catalog: createCatalogHandlers(service, importer) } };
}
