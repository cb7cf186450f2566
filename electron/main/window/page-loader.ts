/** Structural slice of BrowserWindow: the loader runs and is tested without Electron. */
export interface LoadableWindow {
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
}

export interface PageLoaderOptions {
  log: (entry: Record<string, unknown>) => void;
  /** Waits before each new try; after the last the error page shows and tries go on every `keepTryingMs`. */
  retryDelaysMs?: readonly number[];
  keepTryingMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

const PAGE_STYLE = 'font:20px system-ui,sans-serif;background:#0f1720;color:#f1f5f9;margin:0;display:grid;place-items:center;height:100vh';

/** Shown when the terminal's own screen will not load: what happened, what is safe, what to do. */
export const LOAD_ERROR_PAGE = `data:text/html;charset=utf-8,${encodeURIComponent(
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>NoPOS Terminal</title>` +
    `<body style="${PAGE_STYLE}"><main style="max-width:36em;padding:2em">` +
    `<h1>The checkout screen could not open</h1>` +
    `<p>NoPOS Terminal keeps trying every 30 seconds. Sales already taken are safe in the terminal's database.</p>` +
    `<p>If this screen stays, restart the PC. If it comes back, call IT or NoPOS support.</p></main></body></html>`,
)}`;

/**
 * Loads the app's page without ever leaving a rejected promise behind (Electron's loadURL rejects on
 * ERR_FAILED / ERR_ABORTED; unhandled, that relaunches a kiosk terminal in a loop): tries again a few
 * times, then shows a local error page and keeps trying in the background until the page loads.
 */
export function loadAppPage(window: LoadableWindow, url: string, options: PageLoaderOptions): void {
  const { log, retryDelaysMs = [1_000, 3_000, 10_000], keepTryingMs = 30_000 } = options;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref());
  let failures = 0;

  const attempt = () => {
    if (window.isDestroyed()) return;
    window.loadURL(url).then(
      () => {
        if (failures > 0) log({ level: 'info', event: 'page.loaded_after_retry', failures });
      },
      (error: unknown) => {
        failures++;
        const code = (error as { code?: unknown })?.code;
        log({ level: 'error', event: 'page.load_failed', code: typeof code === 'string' ? code : 'unknown', failures });
        if (window.isDestroyed()) return;
        const delay = retryDelaysMs[failures - 1];
        if (delay !== undefined) {
          setTimer(attempt, delay);
          return;
        }
        // Again after every failed try: a failed load leaves Chromium's own error page behind.
        window.loadURL(LOAD_ERROR_PAGE).catch(() => log({ level: 'error', event: 'page.error_page_failed' }));
        setTimer(attempt, keepTryingMs);
      },
    );
  };
  attempt();
}
