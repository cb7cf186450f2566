/**
 * The order the terminal stops in: nothing new starts (timers, updates), sync stops talking to NoPOS,
 * devices let go of their ports, logs are flushed, and only then is the database closed — each step
 * still has what it needs. Registration order does not matter; Electron's will-quit listeners run in
 * the order they were added, which is how storage once closed before sync.
 */
export const SHUTDOWN_PHASES = ['timers', 'sync', 'devices', 'logs', 'storage'] as const;
export type ShutdownPhase = (typeof SHUTDOWN_PHASES)[number];

export interface Shutdown {
  add(phase: ShutdownPhase, name: string, step: () => void): void;
  /** Runs every step once, phase by phase; a failing step is logged and the rest still run. */
  run(): void;
}

export function createShutdown(log: (entry: Record<string, unknown>) => void): Shutdown {
  const steps: { phase: ShutdownPhase; name: string; step: () => void }[] = [];
  let done = false;
  return {
    add(phase, name, step) {
      steps.push({ phase, name, step });
    },
    run() {
      if (done) return;
      done = true;
      for (const phase of SHUTDOWN_PHASES) {
        for (const { name, step } of steps.filter((s) => s.phase === phase)) {
          try {
            step();
          } catch (error) {
            log({ level: 'error', event: 'shutdown.step_failed', step: name, name: (error as Error)?.name ?? 'unknown' });
          }
        }
      }
    },
  };
}
