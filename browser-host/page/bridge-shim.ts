import { contract } from '../../shared/ipc/contract';
import { contractNames } from '../../shared/ipc/contract-kit';
import { buildBridge } from '../../shared/ipc/bridge';
import { BRIDGE_PATHS, CODE_FRAGMENT_KEY, LINK_USED_MESSAGE, NO_LINK_MESSAGE, TOKEN_STORAGE_KEY } from '../protocol';

// Loaded by the browser host before the app's own script: it gives the page the same
// `window.nopos` the Electron preload gives, carried over fetch to the host on loopback.

/** Why this page has no token, in words for staff; null once it has one. */
let noWayIn: string | null = null;

async function obtainToken(): Promise<string> {
  const code = new URLSearchParams(location.hash.slice(1)).get(CODE_FRAGMENT_KEY);
  if (code) {
    // Out of the address bar and history as soon as it is read.
    history.replaceState(null, '', location.pathname + location.search);
    const response = await fetch(BRIDGE_PATHS.redeem, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    if (response.ok) {
      const { token } = (await response.json()) as { token: string };
      sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
      return token;
    }
  }
  // A reload of a page that already got in keeps its token; anything else cannot get in.
  const kept = sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
  if (!kept) noWayIn = code ? LINK_USED_MESSAGE : NO_LINK_MESSAGE;
  return kept;
}

const tokenReady = obtainToken().catch(() => '');
const headers = async () => ({ authorization: `Bearer ${await tokenReady}`, 'content-type': 'application/json' });
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let streaming = false;

async function streamEvents(): Promise<void> {
  for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
    try {
      const response = await fetch(BRIDGE_PATHS.events, { headers: await headers() });
      if (!response.ok || !response.body) throw new Error(`events ${response.status}`);
      delay = 500;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.trim()) continue;
          const { event, payload } = JSON.parse(line) as { event: string; payload: unknown };
          for (const listener of listeners.get(event) ?? []) listener(payload);
        }
      }
    } catch {
      // The host restarted or the link dropped: reconnect with backoff.
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

const bridge = buildBridge(contractNames(contract), {
  async invoke(channel, payload) {
    // Without a token every call is refused: say why (and how to get in) instead of asking the host.
    if (!(await tokenReady) && noWayIn) return { ok: false, error: { code: 'unauthenticated', message: noWayIn } };
    const response = await fetch(BRIDGE_PATHS.call + encodeURIComponent(channel), {
      method: 'POST',
      headers: await headers(),
      body: JSON.stringify({ payload }),
    });
    return (await response.json()) as unknown;
  },
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    if (!streaming) {
      streaming = true;
      void streamEvents();
    }
    return () => set.delete(listener);
  },
});

Object.defineProperty(window, 'nopos', { value: Object.freeze(bridge), writable: false, configurable: false });
