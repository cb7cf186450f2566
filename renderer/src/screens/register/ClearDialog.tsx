import { Button, DismissButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';

export function ClearDialog({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title="Clear this sale?" onClose={onCancel}>
      <p>Every line is removed. Park the sale instead to finish it later.</p>
      <div className="actions">
        <Button variant="danger" onClick={onConfirm}>
          Clear sale
        </Button>
        <DismissButton onClick={onCancel}>Keep it</DismissButton>
      </div>
    </Dialog>
  );
}
