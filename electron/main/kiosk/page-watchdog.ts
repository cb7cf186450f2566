/** Structural slices of BrowserWindow / WebContents: the watchdog runs and is tested without Electron. */
export interface WatchedWindow {
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
}
export interface WatchedContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
  reload(): void;
  forcefullyCrashRenderer(): void;
}

export interface WatchdogOptions {
  log: (entry: Record<string, unknown>) => void;
  now: () => number;
  /** A page that stops answering this long is crashed, then reloaded. */
  hangGraceMs?: number;
  /** More reloads than this within the window means something is badly wrong: stop looping. */
  maxReloads?: number;
  windowMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** A crashed or hung page reloads itself; the sale in progress is in the database, not the page. */
export function watchPage(window: WatchedWindow, contents: WatchedContents, options: WatchdogOptions): void {
  const { log, now, hangGraceMs = 15_000, maxReloads = 5, windowMs = 5 * 60_000 } = options;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
  const reloads: number[] = [];
  let hang: unknown = null;

  const reload = (why: string) => {
    const at = now();
    while (reloads.length > 0 && at - (reloads[0] ?? at) > windowMs) reloads.shift();
    if (reloads.length >= maxReloads) {
      log({ level: 'error', event: 'page.reload_gave_up', why, reloads: reloads.length });
      return;
    }
    reloads.push(at);
    log({ level: 'warning', event: 'page.reloaded', why });
    contents.reload();
  };

  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    reload(details.reason);
  });
  window.on('unresponsive', () => {
    if (hang !== null) return;
    hang = setTimer(() => {
      hang = null;
      log({ level: 'warning', event: 'page.hung' });
      // The crash is reported as render-process-gone, which reloads.
      contents.forcefullyCrashRenderer();
    }, hangGraceMs);
  });
  window.on('responsive', () => {
    if (hang === null) return;
    clearTimer(hang);
    hang = null;
  });
}
