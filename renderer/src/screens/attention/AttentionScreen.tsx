import { useCallback, useState } from 'react';
import type { NeedsAttentionEntry } from '../../../../shared/domain/sync';
import type { DeclinedEntry } from '../../../../shared/ipc/areas/payments';
import { describeError } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { Table } from '../../components/Table';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';
import { formatMoney } from '../../format/money';
import { DeclinedDialog } from './DeclinedDialog';
import { ResolveDialog } from './ResolveDialog';

const since = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

/**
 * What sync could not settle on its own, for a manager: card payments declined after forwarding
 * (money the store is owed) first, then items the NoPOS API refused. Nothing here blocks the queue.
 */
export function AttentionScreen() {
  const api = useApi();
  const load = useCallback(async () => {
    const [declined, items] = await Promise.all([api.payments.declined({ includeResolved: false }), api.sync.needsAttention()]);
    return { declined, items: items.filter((item) => !item.resolvedAt && item.kind !== 'declined_after_forward') };
  }, [api]);
  const state = useQuery(load);
  const [declining, setDeclining] = useState<DeclinedEntry | null>(null);
  const [resolving, setResolving] = useState<NeedsAttentionEntry | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const done = (text: string) => {
    setDeclining(null);
    setResolving(null);
    setMessage({ tone: 'ok', text });
    state.reload();
  };

  return (
    <div className="stack">
      <h1>Needs attention</h1>
      <StatusLine message={message} />
      {state.status === 'error' && (
        <ErrorNotice
          title="Could not load the list"
          message={describeError(state.error, 'see items that need attention')}
          onRetry={state.reload}
        />
      )}
      {state.status === 'ready' && (
        <>
          <Panel title="Card payments declined after forwarding">
            {state.data.declined.length === 0 ? (
              <p className="muted">None: every card payment taken offline was accepted.</p>
            ) : (
              <Table columns={['Since', 'Card', 'Amount', 'Receipt', 'Action']}>
                {state.data.declined.map((entry) => (
                  <tr key={entry.entryId}>
                    <td>{since(entry.createdAt)}</td>
                    <td>{entry.payment ? `${entry.payment.brand} ${entry.payment.last4}` : entry.reason}</td>
                    <td>{entry.payment ? formatMoney(entry.payment.amountMinor, entry.payment.currency) : ''}</td>
                    <td>{entry.payment?.receiptNumber ?? ''}</td>
                    <td>
                      <Button className="button--small" onClick={() => setDeclining(entry)}>
                        Resolve
                      </Button>
                    </td>
                  </tr>
                ))}
              </Table>
            )}
          </Panel>
          <Panel title="Refused by NoPOS">
            {state.data.items.length === 0 ? (
              <p className="muted">None: everything queued was accepted or is still on its way.</p>
            ) : (
              <Table columns={['Since', 'Item', 'Reason', 'Action']}>
                {state.data.items.map((item) => (
                  <tr key={item.id}>
                    <td>{since(item.createdAt)}</td>
                    <td>
                      {item.itemKind} …{item.clientId.slice(-8)}
                    </td>
                    <td>{item.reason}</td>
                    <td>
                      <Button className="button--small" onClick={() => setResolving(item)}>
                        Resolve
                      </Button>
                    </td>
                  </tr>
                ))}
              </Table>
            )}
          </Panel>
        </>
      )}
      {declining && <DeclinedDialog entry={declining} onDone={done} onCancel={() => setDeclining(null)} />}
      {resolving && <ResolveDialog entry={resolving} onDone={done} onCancel={() => setResolving(null)} />}
    </div>
  );
}
