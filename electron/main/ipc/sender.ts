/**
 * Who is calling, as the transport saw it. Electron fills this from the IPC event's sender
 * frame; the browser host from the HTTP request and its per-run token.
 */
export interface SenderContext {
  /** Stable per window (Electron webContents id) or per browser-host client; keys the rate limiter. */
  id: string;
  /** URL (Electron) or origin (browser host) of the calling frame; null when unknown. */
  url: string | null;
  isMainFrame: boolean;
  /** Whether the transport authenticated the caller (the browser host's token; always true in Electron). */
  authenticated: boolean;
}

export type SenderCheck = (sender: SenderContext) => boolean;

export const APP_ORIGIN = 'app://nopos';

/** Electron: only the main frame of our own `app://nopos` page may call. */
export function isAppProtocolSender(sender: SenderContext): boolean {
  if (!sender.authenticated || !sender.isMainFrame || sender.url === null) return false;
  try {
    const url = new URL(sender.url);
    return url.protocol === 'app:' && url.host === 'nopos';
  } catch {
    return false;
  }
}

/** Browser host: the caller presented the run's token from the host's own origin. */
export function sameOriginSender(origin: string): SenderCheck {
  return (sender) => sender.authenticated && sender.isMainFrame && sender.url === origin;
}
