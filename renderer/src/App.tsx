import { AppShell } from './layout/AppShell';
import { ErrorBoundary } from './components/ErrorBoundary';
import { StatusScreen } from './screens/StatusScreen';

export function App() {
  return (
    <AppShell>
      <ErrorBoundary>
        <StatusScreen />
      </ErrorBoundary>
    </AppShell>
  );
}
