import type { ReactNode } from 'react';

export function AppShell({ nav, children }: { nav?: ReactNode; children: ReactNode }) {
  return (
    <div className="shell">
      <header className="shell__header">
        <span className="shell__brand">NoPOS Terminal</span>
        {nav}
      </header>
      <main className="shell__main" id="main">
        {children}
      </main>
    </div>
  );
}
