/** After this many relaunches in a row the terminal stays down: a crash loop helps nobody. */
export const MAX_RELAUNCHES = 3;
const FLAG = '--nopos-relaunch=';

export interface RelaunchApp {
  relaunch(options: { args: string[] }): void;
  exit(code: number): void;
}

export function relaunchCount(argv: readonly string[]): number {
  const arg = argv.find((a) => a.startsWith(FLAG));
  const n = arg ? Number.parseInt(arg.slice(FLAG.length), 10) : 0;
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * An error nothing caught in the main process restarts the terminal (kiosk mode), a few times at
 * most. A native crash of the whole process is left to the OS (login item / service, docs/deploying.md).
 */
export function relaunchOnFatal(
  proc: { on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown },
  app: RelaunchApp,
  argv: readonly string[],
  log: (entry: Record<string, unknown>) => void,
): void {
  const count = relaunchCount(argv);
  const onFatal = (error: unknown) => {
    log({ level: 'error', event: 'main.fatal', name: (error as Error)?.name ?? 'unknown', relaunches: count });
    if (count < MAX_RELAUNCHES) {
      const args = [...argv.slice(1).filter((a) => !a.startsWith(FLAG)), `${FLAG}${count + 1}`];
      app.relaunch({ args });
    }
    app.exit(1);
  };
  proc.on('uncaughtException', onFatal);
  proc.on('unhandledRejection', onFatal);
}
