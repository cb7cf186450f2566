import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** `KeyboardEvent.key`: "F2", "F8", "+", "Delete". */
  key: string;
  label: string;
  run: () => void;
  /** Single characters (+, −, Delete) act only when no field has focus, so typing is never hijacked. */
  outsideFields?: boolean;
  disabled?: boolean;
}

function inField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Screen-wide keyboard shortcuts; paused while a dialog is open (the dialog owns the keyboard then). */
export function useShortcuts(shortcuts: Shortcut[], enabled = true): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  }, [shortcuts]);

  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const shortcut = latest.current.find((s) => s.key === event.key && !s.disabled);
      if (!shortcut || (shortcut.outsideFields && inField(event.target))) return;
      event.preventDefault();
      shortcut.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
