import { useCallback, useState } from 'react';
import type { CatalogInfo, ImportReport } from '../../../../shared/domain/catalog';
import { describeError, errorMessage } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { formatRate } from '../../format/money';
import { ImportReportView } from './ImportReportView';

const SOURCES = { empty: 'Empty', demo: 'Demo catalog', import: 'Imported file', api: 'NoPOS API' } as const;

/** Admin only (main enforces `manage:settings`): what is in the catalog, import a file, load or remove the demo. */
export function CatalogScreen() {
  const api = useApi();
  const load = useCallback(() => api.catalog.info(), [api]);
  const info = useQuery(load);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);

  async function act<T extends CatalogInfo | ImportReport>(what: string, call: () => Promise<T>, done: (result: T) => string) {
    setMessage(null);
    try {
      const result = await call();
      setReport('outcome' in result ? result : null);
      setMessage({ tone: 'ok', text: done(result) });
      info.reload();
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error, what, 'Nothing changed.') });
    }
  }

  return (
    <div className="stack">
      <h1>Catalog</h1>
      {info.status === 'error' && (
        <ErrorNotice title="Could not read the catalog" message={describeError(info.error, 'manage the catalog')} onRetry={info.reload} />
      )}
      {info.status === 'ready' && (
        <Panel title="This catalog">
          <dl className="facts" aria-label="Catalog">
            <dt>Source</dt>
            <dd>{SOURCES[info.data.source]}</dd>
            <dt>Version</dt>
            <dd>{info.data.version}</dd>
            <dt>Products</dt>
            <dd data-testid="catalog-count">
              {info.data.productCount} ({info.data.activeCount} on sale)
            </dd>
            <dt>Groups</dt>
            <dd>{info.data.groups.join(', ') || '—'}</dd>
            <dt>Tax categories</dt>
            <dd>{info.data.taxCategories.map((t) => `${t.name} ${formatRate(t.rateBp)}`).join(', ') || '—'}</dd>
          </dl>
        </Panel>
      )}
      <Panel title="Change the catalog">
        <div className="actions">
          <Button
            onClick={() =>
              void act(
                'import a catalog',
                () => api.catalog.importFile(),
                (r: ImportReport) =>
                  r.outcome === 'imported'
                    ? `Imported ${r.imported} products.`
                    : r.outcome === 'cancelled'
                      ? 'Import cancelled.'
                      : 'The file was refused: nothing was imported.',
              )
            }
          >
            Import file…
          </Button>
          <Button
            variant="secondary"
            onClick={() =>
              void act(
                'load the demo catalog',
                () => api.catalog.loadDemo(),
                (i: CatalogInfo) => `Demo catalog loaded: ${i.productCount} products.`,
              )
            }
          >
            Load demo catalog
          </Button>
          {confirmClear ? (
            <>
              <Button
                variant="danger"
                onClick={() => (
                  setConfirmClear(false),
                  void act(
                    'clear the catalog',
                    () => api.catalog.clear(),
                    () => 'Catalog cleared. Past sales keep what they sold.',
                  )
                )}
              >
                Yes, remove every product
              </Button>
              <Button variant="secondary" onClick={() => setConfirmClear(false)}>
                Keep them
              </Button>
            </>
          ) : (
            <Button variant="danger" onClick={() => setConfirmClear(true)}>
              Clear catalog
            </Button>
          )}
        </div>
        <p className="field__help">
          Files: CSV or JSON, one product per row. A file with any bad row imports nothing and lists each bad row by its line.
        </p>
        <StatusLine message={message} />
      </Panel>
      {report && <ImportReportView report={report} />}
    </div>
  );
}
