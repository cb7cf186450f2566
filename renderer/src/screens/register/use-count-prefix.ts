import { useCallback, useEffect, useRef, useState } from 'react';

const TIMES_KEYS = new Set(['*', 'x', 'X', '×']);
const DIGITS_FORGOTTEN_AFTER_MS = 3_000;

function inField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * The cashier's "5 ×" before a scan or a tap: digits then `*` (or `x`) typed with no field focused set
 * a count for the next item only. A scan's digits are forgotten when the scan is taken (`take`; the
 * scanner swallows its Enter), and digits older than a few seconds are too, so a scan is never taken
 * for a count. Esc drops a pending count.
 */
export function useCountPrefix(onChange: (count: number | null) => void): { take: () => number | undefined; pending: number | null } {
  const [pending, setPending] = useState<number | null>(null);
  const pendingRef = useRef<number | null>(null);
  const typed = useRef({ digits: '', at: 0 });
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);

  const set = useCallback((count: number | null) => {
    pendingRef.current = count;
    setPending(count);
    changed.current(count);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || inField(event.target) || document.querySelector('[aria-modal="true"]')) return;
      const now = performance.now();
      if (now - typed.current.at > DIGITS_FORGOTTEN_AFTER_MS) typed.current = { digits: '', at: now };
      if (/^\d$/.test(event.key)) {
        typed.current = { digits: (typed.current.digits + event.key).slice(-4), at: now };
        return;
      }
      if (TIMES_KEYS.has(event.key) && typed.current.digits) {
        const count = Number(typed.current.digits);
        typed.current = { digits: '', at: now };
        event.preventDefault();
        if (count >= 1) set(count);
        return;
      }
      if (event.key === 'Escape' && pendingRef.current !== null) set(null);
      if (event.key !== 'Shift') typed.current = { digits: '', at: now };
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [set]);

  const take = useCallback(() => {
    typed.current = { digits: '', at: 0 };
    const count = pendingRef.current;
    if (count === null) return undefined;
    set(null);
    return count;
  }, [set]);
  return { take, pending };
}
