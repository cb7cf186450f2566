import { useCallback, useState } from 'react';
import type { ConsentPurpose, CustomerRecord } from '../../../../shared/domain/customer';
import { describeError } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import type { StatusMessage } from '../../components/StatusLine';
import { Table } from '../../components/Table';
import { customerError, PURPOSE_LABELS } from './customer-errors';
import { ConsentDialog } from './ConsentDialog';
import { CustomerDetailsDialog } from './CustomerDetailsDialog';
import { EraseCustomerDialog } from './EraseCustomerDialog';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });

export function CustomerRecordPanel({
  customerId,
  onMessage,
  onGone,
}: {
  customerId: string;
  onMessage: (m: StatusMessage) => void;
  onGone: () => void;
}) {
  const api = useApi();
  const record = useQuery(useCallback(() => api.customers.get({ customerId }), [api, customerId]));
  const [erasing, setErasing] = useState<CustomerRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState<ConsentPurpose | null>(null);

  async function run(action: string, work: () => Promise<string>) {
    setBusy(true);
    try {
      onMessage({ tone: 'ok', text: await work() });
      record.reload();
    } catch (error) {
      onMessage({ tone: 'error', text: customerError(error, action) });
    } finally {
      setBusy(false);
    }
  }

  if (record.status === 'error')
    return (
      <ErrorNotice
        title="Could not open the customer"
        message={describeError(record.error, 'see customer records')}
        onRetry={record.reload}
      />
    );
  if (record.status !== 'ready') return <p className="muted">Loading…</p>;
  const c = record.data;
  return (
    <Panel
      title={c.name}
      actions={
        <div className="actions">
          <Button variant="secondary" disabled={busy || c.erasureDueAt !== null} onClick={() => setEditing(true)}>
            Edit details
          </Button>
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() =>
              void run('export this customer', async () => {
                const saved = await api.customers.export({ customerId });
                return saved.outcome === 'saved' ? `Saved ${saved.files.join(' and ')}.` : 'Export cancelled.';
              })
            }
          >
            Export data
          </Button>
          <Button variant="danger" disabled={busy || c.erasureDueAt !== null} onClick={() => setErasing(c)}>
            Erase customer
          </Button>
        </div>
      }
    >
      <dl className="facts">
        <dt>E-mail</dt>
        <dd>{c.email ?? '—'}</dd>
        <dt>Phone</dt>
        <dd>{c.phone ?? '—'}</dd>
        <dt>Sales</dt>
        <dd>{c.sales}</dd>
        {c.erasureDueAt && (
          <>
            <dt>Erasure</dt>
            <dd>Requested; runs on {new Date(c.erasureDueAt).toLocaleDateString()} (legal hold after the last sale)</dd>
          </>
        )}
      </dl>
      <h3>Consents</h3>
      <ul className="consent-state">
        {(Object.keys(PURPOSE_LABELS) as ConsentPurpose[]).map((purpose) => (
          <li key={purpose}>
            {PURPOSE_LABELS[purpose]}: <strong>{c.consents[purpose] ? 'given' : 'not given'}</strong>{' '}
            {c.consents[purpose] ? (
              <Button
                variant="secondary"
                className="button--small"
                disabled={busy}
                onClick={() =>
                  void run(
                    'withdraw the consent',
                    async () => (
                      await api.customers.withdrawConsent({ customerId, purpose }),
                      `${PURPOSE_LABELS[purpose]}: consent withdrawn.`
                    ),
                  )
                }
              >
                Withdraw
              </Button>
            ) : (
              c.erasureDueAt === null && (
                <Button variant="secondary" className="button--small" disabled={busy} onClick={() => setAsking(purpose)}>
                  Record consent
                </Button>
              )
            )}
          </li>
        ))}
      </ul>
      {c.consentHistory.length > 0 && (
        <Table columns={['When', 'Purpose', 'Answer', 'Text', 'Staff']}>
          {c.consentHistory.map((h, i) => (
            <tr key={i}>
              <td>{when(h.at)}</td>
              <td>{PURPOSE_LABELS[h.purpose]}</td>
              <td>{h.granted ? 'given' : 'withdrawn'}</td>
              <td>{h.textVersion}</td>
              <td>{h.staffId}</td>
            </tr>
          ))}
        </Table>
      )}
      {editing && (
        <CustomerDetailsDialog
          customer={c}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            onMessage({ tone: 'ok', text: `Details of ${saved.name} saved.` });
            record.reload();
          }}
        />
      )}
      {asking && (
        <ConsentDialog
          customer={{ id: c.id, name: c.name, consents: c.consents, hasEmail: c.email !== null }}
          only={asking}
          onClose={() => setAsking(null)}
          onChanged={(_, text) => {
            setAsking(null);
            onMessage({ tone: 'ok', text });
            record.reload();
          }}
        />
      )}
      {erasing && (
        <EraseCustomerDialog
          customer={erasing}
          onCancel={() => setErasing(null)}
          onDone={(text) => {
            setErasing(null);
            onMessage({ tone: 'ok', text });
            if (text.startsWith('Erased')) onGone();
            else record.reload();
          }}
          onError={(text) => {
            setErasing(null);
            onMessage({ tone: 'error', text });
          }}
        />
      )}
    </Panel>
  );
}
