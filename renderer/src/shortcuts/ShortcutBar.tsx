import { Kbd } from '../components/Kbd';
import type { Shortcut } from './use-shortcuts';

/** The screen's shortcuts, always in view, so nobody has to remember them. */
export function ShortcutBar({ shortcuts }: { shortcuts: Pick<Shortcut, 'key' | 'label'>[] }) {
  return (
    <ul className="shortcut-bar" aria-label="Keyboard shortcuts">
      {shortcuts.map((s) => (
        <li key={`${s.key}-${s.label}`}>
          <Kbd>{s.key === '-' ? '−' : s.key}</Kbd> {s.label}
        </li>
      ))}
    </ul>
  );
}
