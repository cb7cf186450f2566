import { useState } from 'react';
import { AppShell } from './layout/AppShell';
import { ErrorBoundary } from './components/ErrorBoundary';
import { StatusScreen } from './screens/StatusScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';

const SCREENS = {
  status: { label: 'Status', render: () => <StatusScreen /> },
  settings: { label: 'Settings', render: () => <SettingsScreen /> },
} as const;
type ScreenName = keyof typeof SCREENS;

export function App() {
  const [screen, setScreen] = useState<ScreenName>('status');
  return (
    <AppShell
      nav={
        <nav className="nav" aria-label="Screens">
          {(Object.keys(SCREENS) as ScreenName[]).map((name) => (
            <button key={name} type="button" className="nav__item" aria-current={screen === name ? 'page' : undefined} onClick={() => setScreen(name)}>
              {SCREENS[name].label}
            </button>
          ))}
        </nav>
      }
    >
      {/* A fresh boundary per screen: one broken screen never takes the others down. */}
      <ErrorBoundary key={screen}>{SCREENS[screen].render()}</ErrorBoundary>
    </AppShell>
  );
}
