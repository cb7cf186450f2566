import { useEffect, useState } from 'react';

const format = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** Shows m:ss counting down from what main said (remount it with a key for a new wait), and tells the parent at zero. */
export function Countdown({ seconds, onDone }: { seconds: number; onDone?: () => void }) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        clearInterval(timer);
        onDone?.();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [seconds, onDone]);
  return <span className="countdown">{format(left)}</span>;
}
