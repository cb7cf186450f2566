import { useCallback } from 'react';
import { useApi } from '../../bridge/use-api';
import { useQuery } from '../../bridge/use-query';
import { describeError } from '../../bridge/messages';
import { DismissButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { formatMoney } from '../../format/money';

/** Parked sales live in main's database, so they survive a restart; resuming one makes it the open sale. */
export function ParkedDialog({ onResume, onCancel }: { onResume: (saleId: string) => void; onCancel: () => void }) {
  const api = useApi();
  const load = useCallback(() => api.sales.listParked(), [api]);
  const parked = useQuery(load);
  return (
    <Dialog title="Parked sales" onClose={onCancel}>
      {parked.status === 'loading' && <p role="status">Loading parked sales…</p>}
      {parked.status === 'error' && <p className="message message--error">{describeError(parked.error, 'resume sales')}</p>}
      {parked.status === 'ready' && parked.data.length === 0 && <p>No parked sales.</p>}
      {parked.status === 'ready' && parked.data.length > 0 && (
        <ul className="choice-list">
          {parked.data.map((p) => (
            <li key={p.saleId}>
              <button type="button" className="choice-list__item" onClick={() => onResume(p.saleId)}>
                <strong>
                  {formatMoney(p.totalMinor, p.currency)}
                  {p.note ? ` · ${p.note}` : ''}
                </strong>
                <span>
                  {p.lineCount} {p.lineCount === 1 ? 'line' : 'lines'} · parked{' '}
                  {new Date(p.parkedAt).toLocaleTimeString(undefined, { timeStyle: 'short' })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <DismissButton onClick={onCancel}>Close</DismissButton>
      </div>
    </Dialog>
  );
}
