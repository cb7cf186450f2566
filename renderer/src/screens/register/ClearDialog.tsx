import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';

export function ClearDialog({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title="Clear this sale?" onClose={onCancel}>
      <p>Every line is removed. Park the sale instead to finish it later.</p>
      <div className="actions">
        <Button variant="danger" onClick={onConfirm}>
          Clear sale
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Keep it <kbd className="kbd">Esc</kbd>
        </Button>
      </div>
    </Dialog>
  );
}
