import type { RelaunchOptions as ElectronRelaunchOptions } from 'electron';

/** After this many relaunches in a row the terminal stays down: a crash loop helps nobody. */
export const MAX_RELAUNCHES = 3;
/** A run this long was healthy: a crash after it starts the count again, so crashes days apart never add up. */
export const HEALTHY_RUN_MS = 10 * 60_000;
const FLAG = '--nopos-relaunch=';

/** The slice of Electron's app used here (its own option type). */
export interface RelaunchApp {
  relaunch(options: ElectronRelaunchOptions): void;
  exit(code: number): void;
}

export interface RelaunchOptions {
  log: (entry: Record<string, unknown>) => void;
  /** Milliseconds, monotonic enough for minutes (Date.now in the app, a fake clock in tests). */
  now: () => number;
  healthyAfterMs?: number;
  /** process.env: an AppImage restarts from its file (APPIMAGE), since its mount goes away on exit. */
  env?: NodeJS.ProcessEnv;
}

export function relaunchOptions(args: string[], env: NodeJS.ProcessEnv = {}): ElectronRelaunchOptions {
  return env.APPIMAGE ? { args, execPath: env.APPIMAGE } : { args };
}

export function relaunchCount(argv: readonly string[]): number {
  const arg = argv.find((a) => a.startsWith(FLAG));
  const n = arg ? Number.parseInt(arg.slice(FLAG.length), 10) : 0;
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * An error nothing caught in the main process restarts the terminal (kiosk mode), a few times in a
 * row at most; a run that stayed up for `healthyAfterMs` resets the count. A native crash of the
 * whole process is left to the OS (login item / service, docs/deploying.md).
 */
export function relaunchOnFatal(
  proc: { on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown },
  app: RelaunchApp,
  argv: readonly string[],
  options: RelaunchOptions,
): void {
  const { log, now, healthyAfterMs = HEALTHY_RUN_MS } = options;
  const startedAt = now();
  const inheritedCount = relaunchCount(argv);
  const onFatal = (error: unknown) => {
    const healthy = now() - startedAt >= healthyAfterMs;
    const count = healthy ? 0 : inheritedCount;
    log({
      level: 'error',
      event: 'main.fatal',
      name: (error as Error)?.name ?? 'unknown',
      relaunches: count,
      ...(healthy && inheritedCount > 0 ? { countReset: true } : {}),
    });
    if (count < MAX_RELAUNCHES) {
      const args = [...argv.slice(1).filter((a) => !a.startsWith(FLAG)), `${FLAG}${count + 1}`];
      app.relaunch(relaunchOptions(args, options.env));
    } else {
      log({ level: 'error', event: 'main.relaunch_gave_up', relaunches: count });
    }
    app.exit(1);
  };
  proc.on('uncaughtException', onFatal);
  proc.on('unhandledRejection', onFatal);
}
