import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SessionView } from '../../../shared/domain/staff';
import { BridgeError } from '../bridge/client';
import { useApi } from '../bridge/use-api';

interface SessionState {
  session: SessionView | null;
  /** Why the session could not be read at start (e.g. a browser-host link already used); shown instead of "Starting…". */
  startError: string | null;
  setSession: (view: SessionView) => void;
  refresh: () => void;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

const ACTIVITY_EVERY_MS = 15_000;

/**
 * Mirrors the main process's session: read once, then kept current by `session.changed` events
 * (auto-lock, OS lock). The page holds no token; it only shows what main says, and reports touches
 * so that an attended till does not lock.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [session, setSession] = useState<SessionView | null>(null);
  const [startError, setStartError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.session.get().then(
      (view) => {
        setStartError(null);
        setSession(view);
      },
      (error: unknown) => {
        setSession(null);
        setStartError(error instanceof BridgeError ? error.message : 'The terminal could not start. Close this window and start it again.');
      },
    );
  }, [api]);

  useEffect(() => {
    refresh();
    return api.events.session.changed(setSession);
  }, [api, refresh]);

  useEffect(() => {
    if (session?.state !== 'signed_in') return;
    let last = 0;
    const report = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_EVERY_MS) return;
      last = now;
      api.session.activity().catch(() => undefined);
    };
    window.addEventListener('pointerdown', report, { passive: true });
    window.addEventListener('keydown', report);
    return () => {
      window.removeEventListener('pointerdown', report);
      window.removeEventListener('keydown', report);
    };
  }, [api, session?.state]);

  const can = useCallback((permission: string) => session?.state === 'signed_in' && session.permissions.includes(permission), [session]);

  return <SessionContext.Provider value={{ session, startError, setSession, refresh, can }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession must be used inside <SessionProvider>');
  return state;
}
