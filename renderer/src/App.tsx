import { useState, type ReactNode } from 'react';
import { ROLE_LABELS } from '../../shared/domain/staff';
import { AppShell } from './layout/AppShell';
import { ScreenNav } from './layout/ScreenNav';
import { Button } from './components/Button';
import { ErrorBoundary } from './components/ErrorBoundary';
import { useApi } from './bridge/use-api';
import { KioskExitControl } from './kiosk/KioskExitControl';
import { FirstRunScreen } from './session/FirstRunScreen';
import { SignOutButton } from './session/SignOutButton';
import { useSession } from './session/SessionContext';
import { SignInScreen } from './session/SignInScreen';
import { AttentionScreen } from './screens/attention/AttentionScreen';
import { CatalogScreen } from './screens/catalog/CatalogScreen';
import { CustomersScreen } from './screens/customers/CustomersScreen';
import { RefundScreen } from './screens/refund/RefundScreen';
import { RegisterScreen } from './screens/register/RegisterScreen';
import { ReportsScreen } from './screens/reports/ReportsScreen';
import { RecentSalesScreen } from './screens/sales/RecentSalesScreen';
import { ShiftScreen } from './screens/shift/ShiftScreen';
import { StatusScreen } from './screens/StatusScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { DevicesScreen } from './screens/devices/DevicesScreen';
import { StaffScreen } from './screens/staff/StaffScreen';

interface ScreenDef {
  label: string;
  /** Shown only to staff whose role has it; main enforces the same on every call. */
  needs?: string;
  render: () => ReactNode;
}

const SCREENS = {
  register: { label: 'Register', needs: 'create:transactions', render: () => <RegisterScreen /> },
  sales: { label: 'Sales', needs: 'create:transactions', render: () => <RecentSalesScreen /> },
  refund: { label: 'Refund', needs: 'create:transactions', render: () => <RefundScreen /> },
  shift: { label: 'Shift', needs: 'create:transactions', render: () => <ShiftScreen /> },
  reports: { label: 'Reports', needs: 'read:reports', render: () => <ReportsScreen /> },
  attention: { label: 'Attention', needs: 'approve:overrides', render: () => <AttentionScreen /> },
  customers: { label: 'Customers', needs: 'manage:customers', render: () => <CustomersScreen /> },
  catalog: { label: 'Catalog', needs: 'manage:settings', render: () => <CatalogScreen /> },
  status: { label: 'Home', render: () => <StatusScreen /> },
  staff: { label: 'Staff', needs: 'manage:staff', render: () => <StaffScreen /> },
  settings: { label: 'Settings', needs: 'manage:settings', render: () => <SettingsScreen /> },
  devices: { label: 'Devices', needs: 'manage:settings', render: () => <DevicesScreen /> },
} satisfies Record<string, ScreenDef>;
type ScreenName = keyof typeof SCREENS;

function SignedInApp() {
  const api = useApi();
  const { session, setSession, can } = useSession();
  // Whoever can sell lands on the register; everyone else on the status screen.
  const [screen, setScreen] = useState<ScreenName>(() => (can('create:transactions') ? 'register' : 'status'));
  if (session?.state !== 'signed_in') return null;
  const visible = (Object.keys(SCREENS) as ScreenName[]).filter((name) => {
    const needs = (SCREENS[name] as ScreenDef).needs;
    return !needs || can(needs);
  });
  const current = visible.includes(screen) ? screen : 'status';

  return (
    <AppShell
      nav={
        <>
          <ScreenNav
            screens={visible.map((name) => ({ id: name, label: SCREENS[name].label }))}
            current={current}
            onSelect={(id) => setScreen(id as ScreenName)}
          />
          <div className="who">
            <span>
              {session.staff.name} · {ROLE_LABELS[session.staff.role]}
            </span>
            <KioskExitControl />
            <Button variant="secondary" className="button--small" onClick={() => api.session.lock().then(setSession)}>
              Lock
            </Button>
            <SignOutButton onSignedOut={setSession} />
          </div>
        </>
      }
    >
      {/* A fresh boundary per screen: one broken screen never takes the others down. */}
      <ErrorBoundary key={current}>{SCREENS[current].render()}</ErrorBoundary>
    </AppShell>
  );
}

export function App() {
  const { session, startError } = useSession();
  if (!session) {
    return (
      <AppShell>
        <p className={startError ? 'message message--error' : 'muted'} role="status" data-testid="start-status">
          {startError ?? 'Starting…'}
        </p>
      </AppShell>
    );
  }
  switch (session.state) {
    case 'setup_required':
      return (
        <AppShell>
          <FirstRunScreen />
        </AppShell>
      );
    case 'signed_out':
      return (
        <AppShell>
          <SignInScreen title="Sign in" />
        </AppShell>
      );
    case 'locked':
      return (
        <AppShell>
          <SignInScreen
            key={session.lockedStaff.id}
            title="Terminal locked"
            intro={`${session.lockedStaff.name} was signed in${session.reason === 'idle' ? ' and the terminal locked after a while without use' : ''}. ${session.lockedStaff.name} can unlock and carry on; a manager can take over.`}
            preselect={session.lockedStaff.id}
          />
        </AppShell>
      );
    case 'signed_in':
      return <SignedInApp />;
  }
}
