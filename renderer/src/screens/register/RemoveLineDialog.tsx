import { Button, DismissButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';

/** "−" at quantity 1 asks before the line goes: a line never disappears by one tap too many. */
export function RemoveLineDialog({ name, onConfirm, onCancel }: { name: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title={`Remove ${name}?`} onClose={onCancel}>
      <p>The quantity is 1: one less takes the line off the sale.</p>
      <div className="actions">
        {/* Keep first: it takes the focus, so an Enter meant for something else removes nothing. */}
        <DismissButton onClick={onCancel}>Keep it</DismissButton>
        <Button variant="danger" onClick={onConfirm}>
          Remove line
        </Button>
      </div>
    </Dialog>
  );
}
