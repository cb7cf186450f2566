/** The browser host's wire paths, shared by its server and the page-side shim. */
export const BRIDGE_PATHS = {
  script: '/__host/bridge.js',
  redeem: '/__host/redeem',
  call: '/__host/call/',
  events: '/__host/events',
} as const;

/**
 * The URL carries a one-time code in its fragment (never sent to a server, but visible in a process
 * list when passed to Chromium). The page trades it once for the run's token, so a code read from
 * `ps` afterwards is worthless.
 */
export const CODE_FRAGMENT_KEY = 'nopos-code';
export const TOKEN_STORAGE_KEY = 'nopos-token';

export const MAX_BODY_BYTES = 256 * 1024;
