import { useEffect, useRef } from 'react';
import { DEFAULT_SCAN_OPTIONS, ScanDetector, type ScanDetectorOptions } from './scan-detector';

type TextField = HTMLInputElement | HTMLTextAreaElement;

interface FieldSnapshot {
  field: TextField;
  value: string;
  start: number;
  end: number;
}

function focusedTextField(): TextField | null {
  const el = document.activeElement;
  if (el instanceof HTMLTextAreaElement) return el;
  if (el instanceof HTMLInputElement && ['text', 'search', 'number', 'tel', ''].includes(el.type)) return el;
  return null;
}

/** Puts a controlled field back to what it held, telling React through the native setter and an input event. */
function restore(snapshot: FieldSnapshot): void {
  const proto = snapshot.field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(snapshot.field, snapshot.value);
  snapshot.field.dispatchEvent(new Event('input', { bubbles: true }));
  snapshot.field.setSelectionRange?.(snapshot.start, snapshot.start);
}

/**
 * Calls `onScan` for every keyboard-wedge scan while the screen is shown, wherever focus is. Ordinary
 * typing is never touched: keys go where they always go, and only when Enter closes a burst that was
 * clearly a scan does the hook swallow that Enter and take the scanned characters back out of the
 * field they landed in (only if the field holds exactly its old text plus the scan).
 */
export function useScanner(
  onScan: (code: string) => void,
  { enabled = true, options = DEFAULT_SCAN_OPTIONS }: { enabled?: boolean; options?: ScanDetectorOptions } = {},
): void {
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  }, [onScan]);

  useEffect(() => {
    if (!enabled) return;
    const detector = new ScanDetector(options);
    let snapshot: FieldSnapshot | null = null;

    const onKeyDown = (event: KeyboardEvent) => {
      // A dialog owns the keyboard: what is typed there (a weight, a PIN) is never taken for a scan.
      if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing || document.querySelector('[aria-modal="true"]')) {
        detector.reset();
        return;
      }
      const verdict = detector.feed(event.key, event.timeStamp);
      if (verdict.kind === 'char' && verdict.first) {
        const field = focusedTextField();
        snapshot = field
          ? { field, value: field.value, start: field.selectionStart ?? field.value.length, end: field.selectionEnd ?? field.value.length }
          : null;
      }
      if (verdict.kind !== 'scan') return;
      event.preventDefault();
      event.stopPropagation();
      if (snapshot && snapshot.field === focusedTextField()) {
        const expected = snapshot.value.slice(0, snapshot.start) + verdict.code + snapshot.value.slice(snapshot.end);
        if (snapshot.field.value === expected) restore(snapshot);
      }
      snapshot = null;
      latest.current(verdict.code);
    };
    // Capture phase: the hook sees Enter before a form or field handler acts on it.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [enabled, options]);
}
