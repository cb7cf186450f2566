import { useState, type FormEvent } from 'react';
import { receiptNumberSchema } from '../../../../shared/domain/refund';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { ReceiptOutput } from '../../receipts/ReceiptOutput';
import { useGuardedAction } from '../../session/use-guarded-action';

/** A copy of any earlier receipt: needs `read:reports` or a manager, and main marks it as a reprint. */
export function ReprintPanel({ initial = '' }: { initial?: string }) {
  const { run, dialog } = useGuardedAction();
  const [text, setText] = useState(initial);
  const [chosen, setChosen] = useState<string | null>(initial || null);
  const parsed = receiptNumberSchema.safeParse(text);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (parsed.success) setChosen(parsed.data);
  }

  return (
    <Panel title="Reprint a receipt">
      <form className="actions" onSubmit={submit} noValidate>
        <Field label="Receipt number" error={text && !parsed.success ? 'A receipt number such as TILL-1-000042.' : undefined}>
          {(p) => <input {...p} className="input" autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <Button type="submit" variant="secondary" disabled={!parsed.success}>
          Choose
        </Button>
      </form>
      {chosen && (
        <>
          <p>Receipt {chosen}:</p>
          <ReceiptOutput
            what="reprint"
            output={(output) => {
              const request = { receiptNumber: chosen, output };
              return run('receipts.reprint', request, `a reprint of receipt ${chosen}`);
            }}
          />
        </>
      )}
      {dialog}
    </Panel>
  );
}
