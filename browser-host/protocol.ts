/** The browser host's wire paths, shared by its server and the page-side shim. */
export const BRIDGE_PATHS = {
  script: '/__host/bridge.js',
  call: '/__host/call/',
  events: '/__host/events',
} as const;

/** The per-run token arrives in the URL fragment, which browsers never send to a server. */
export const TOKEN_FRAGMENT_KEY = 'nopos-token';

export const MAX_BODY_BYTES = 256 * 1024;
