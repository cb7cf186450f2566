import type { ReactNode } from 'react';

export function Pill({ tone, children }: { tone: 'ok' | 'warning' | 'danger'; children: ReactNode }) {
  return <span className={`pill pill--${tone}`}>{children}</span>;
}
