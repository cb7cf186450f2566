/** The browser host's wire paths, shared by its server and the page-side shim. */
/** What the page says when it has no way in: the link was used, or none was given. */
export const NEW_LINK_HINT =
  'For a new link, press Enter in the window where NoPOS Terminal runs (or stop it with Ctrl+C and start it again).';
export const LINK_USED_MESSAGE = `This link was already used: each link opens the terminal once, so no one else on this computer can reuse it. ${NEW_LINK_HINT}`;
export const NO_LINK_MESSAGE = `Open the terminal with the link it printed when it started. ${NEW_LINK_HINT}`;

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
