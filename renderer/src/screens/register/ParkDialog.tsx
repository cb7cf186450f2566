import { useState, type FormEvent } from 'react';
import { Button, DismissButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';

/** Parking asks for a short note (whose basket, why), so the right sale is found again in the list. */
export function ParkDialog({ onPark, onCancel }: { onPark: (note: string | undefined) => void; onCancel: () => void }) {
  const [note, setNote] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    onPark(note.trim() || undefined);
  }
  return (
    <Dialog title="Park this sale" onClose={onCancel}>
      <form className="stack" onSubmit={submit} noValidate>
        <Field label="Note (optional)" help="Whose basket, or why: “lady in red coat, fetching milk”.">
          {(p) => (
            <input {...p} className="input" autoComplete="off" maxLength={60} value={note} onChange={(e) => setNote(e.target.value)} />
          )}
        </Field>
        <div className="actions">
          <Button type="submit">Park sale</Button>
          <DismissButton onClick={onCancel} />
        </div>
      </form>
    </Dialog>
  );
}
