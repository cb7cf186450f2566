import { useState } from 'react';
import { errorMessage } from '../bridge/messages';
import { Button } from '../components/Button';
import { Panel } from '../components/Panel';
import { useGuardedAction } from '../session/use-guarded-action';

const REASONS = [
  { value: 'no_sale', label: 'No sale' },
  { value: 'change', label: 'Give change' },
] as const;

/** Opening the drawer outside a sale needs `open:drawer`; a cashier asks a manager on the spot. */
export function DrawerPanel() {
  const { run, dialog } = useGuardedAction();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function open(reason: (typeof REASONS)[number]) {
    setMessage(null);
    try {
      const request = { reason: reason.value };
      const result = await run('drawer.open', request, `opening the cash drawer (${reason.label.toLowerCase()})`);
      if (result) setMessage({ ok: true, text: `Drawer opened (${reason.label.toLowerCase()}).` });
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error, 'open the drawer', 'Could not open the drawer.') });
    }
  }

  return (
    <Panel title="Cash drawer">
      <div className="actions">
        {REASONS.map((reason) => (
          <Button key={reason.value} variant="secondary" onClick={() => open(reason)}>
            {reason.label}
          </Button>
        ))}
        <div role="status" aria-live="polite">
          {message && <span className={message.ok ? 'pill pill--ok' : 'field__error'}>{message.text}</span>}
        </div>
      </div>
      {dialog}
    </Panel>
  );
}
