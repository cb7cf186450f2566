import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal for one short task: labelled by its title, focused when it opens, closed by Esc or its
 * Cancel. Keys pressed inside it stay inside it (the register's shortcuts do not fire underneath).
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const first = box.current?.querySelector<HTMLElement>('input, select, textarea, button');
    (first ?? box.current)?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} ref={box} data-dialog="">
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
