import { useCallback, useState } from 'react';
import type { SaleView } from '../../../../shared/domain/sale';
import { describeError } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { Table } from '../../components/Table';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { formatMoney } from '../../format/money';
import { ReprintPanel } from '../reports/ReprintPanel';
import { VoidDialog } from './VoidDialog';

/** The shift's completed sales, newest first: void one (same shift only) or reprint its receipt. */
export function RecentSalesScreen() {
  const api = useApi();
  const load = useCallback(() => api.sales.recent({ limit: 30 }), [api]);
  const recent = useQuery(load);
  const [voiding, setVoiding] = useState<SaleView | null>(null);
  const [reprint, setReprint] = useState<string | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);

  return (
    <div className="stack">
      <h1>Recent sales</h1>
      <StatusLine message={message} />
      {recent.status === 'error' && (
        <ErrorNotice title="Could not load recent sales" message={describeError(recent.error, 'see sales')} onRetry={recent.reload} />
      )}
      {recent.status === 'ready' && (
        <Panel title="This shift">
          {recent.data.length === 0 ? (
            <p className="muted">No completed sales in this shift yet.</p>
          ) : (
            <Table columns={['Receipt', 'Time', 'Total', 'Status', 'Actions']}>
              {recent.data.map((sale) => (
                <tr key={sale.saleId}>
                  <td>{sale.receipt?.receiptNumber}</td>
                  <td>{sale.receipt ? new Date(sale.receipt.completedAt).toLocaleTimeString(undefined, { timeStyle: 'short' }) : ''}</td>
                  <td>{formatMoney(sale.totals.totalMinor, sale.totals.currency)}</td>
                  <td>{sale.status === 'voided' ? 'Voided' : 'Completed'}</td>
                  <td>
                    <div className="actions">
                      {sale.receipt && (
                        <Button
                          variant="secondary"
                          className="button--small"
                          onClick={() => setReprint(sale.receipt?.receiptNumber ?? null)}
                        >
                          Reprint
                        </Button>
                      )}
                      {sale.status === 'completed' && (
                        <Button variant="danger" className="button--small" onClick={() => setVoiding(sale)}>
                          Void
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </Panel>
      )}
      {reprint && <ReprintPanel key={reprint} initial={reprint} />}
      {voiding && (
        <VoidDialog
          sale={voiding}
          onDone={(text) => {
            setVoiding(null);
            setMessage({ tone: 'ok', text });
            recent.reload();
          }}
          onCancel={() => setVoiding(null)}
        />
      )}
    </div>
  );
}
