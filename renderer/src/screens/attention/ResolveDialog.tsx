import { useState, type FormEvent } from 'react';
import type { NeedsAttentionEntry } from '../../../../shared/domain/sync';
import { errorMessage } from '../../bridge/messages';
import { useApi } from '../../bridge/use-api';
import { Button, DismissButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { StatusLine, type StatusMessage } from '../../components/StatusLine';

/** Marks an item the NoPOS API refused as dealt with, saying how (fixed in the back office, re-entered …). */
export function ResolveDialog({
  entry,
  onDone,
  onCancel,
}: {
  entry: NeedsAttentionEntry;
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<StatusMessage | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (note.trim().length < 3) {
      setMessage({ tone: 'error', text: 'Say what was done, in at least 3 characters.' });
      return;
    }
    try {
      await api.sync.resolve({ id: entry.id, resolution: note.trim() });
      onDone(`Marked as resolved: ${entry.itemKind} ${entry.clientId.slice(-8)}.`);
    } catch (error) {
      setMessage({ tone: 'error', text: errorMessage(error, 'resolve items', 'Nothing was changed.') });
    }
  }

  return (
    <Dialog title="Resolve this item" onClose={onCancel}>
      <form className="stack" onSubmit={submit} noValidate>
        <p>{entry.reason}</p>
        <Field label="What was done" help="Kept with the item and in the audit trail.">
          {(p) => <textarea {...p} className="input" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <div className="actions">
          <Button type="submit">Mark as resolved</Button>
          <DismissButton onClick={onCancel} />
          <StatusLine message={message} />
        </div>
      </form>
    </Dialog>
  );
}
