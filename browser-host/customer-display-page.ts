import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from '../electron/main/window/content-security-policy';
import type { CustomerDisplayView } from '../electron/main/devices/customer-display/display-view';
import { CUSTOMER_DISPLAY_CSS, customerDisplayBody } from '../electron/main/devices/customer-display/display-html';

/** The browser host's stand-in for Electron's second window: a page fed only the customer's view. */
export const DISPLAY_PATHS = {
  page: '/customer-display',
  script: '/customer-display/display.js',
  style: '/customer-display/display.css',
  feed: '/customer-display/feed',
} as const;
export const DISPLAY_TOKEN_KEY = 'display';

export interface DisplaySource {
  subscribe(listener: (view: CustomerDisplayView) => void): () => void;
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Customer display</title>
<link rel="stylesheet" href="${DISPLAY_PATHS.style}"><script src="${DISPLAY_PATHS.script}" defer></script></head>
<body><main id="display" aria-live="polite"></main></body></html>`;

// Reads the display token from the fragment (never sent to a server), then follows the feed: each
// line is the display's new content, rendered and escaped in main.
const SCRIPT = `(() => {
  const token = new URLSearchParams(location.hash.slice(1)).get('${DISPLAY_TOKEN_KEY}') || '';
  history.replaceState(null, '', location.pathname);
  const target = document.getElementById('display');
  async function follow() {
    try {
      const res = await fetch('${DISPLAY_PATHS.feed}', { headers: { authorization: 'Bearer ' + token } });
      if (!res.ok || !res.body) throw new Error('refused');
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let nl;
        while ((nl = buffer.indexOf('\\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line) target.innerHTML = JSON.parse(line).html;
        }
      }
    } catch {}
    setTimeout(follow, 1000);
  }
  follow();
})();`;

const STATIC: Record<string, { type: string; body: string }> = {
  [DISPLAY_PATHS.page]: { type: 'text/html; charset=utf-8', body: PAGE },
  [DISPLAY_PATHS.script]: { type: 'text/javascript; charset=utf-8', body: SCRIPT },
  [DISPLAY_PATHS.style]: { type: 'text/css; charset=utf-8', body: CUSTOMER_DISPLAY_CSS },
};

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Serves the page, its script and its feed; false for any other path. The feed needs the display token and carries nothing else. */
export function customerDisplayRoutes(options: { token: string; source: () => DisplaySource | null }) {
  return function handle(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    const asset = STATIC[pathname];
    if (asset) {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': asset.type, 'cache-control': 'no-store' });
      res.end(asset.body);
      return true;
    }
    if (pathname !== DISPLAY_PATHS.feed) return false;
    const given = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const source = options.source();
    if (!source || !same(given, options.token)) {
      res.writeHead(403, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('Refused');
      return true;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    const off = source.subscribe((view) => res.write(`${JSON.stringify({ html: customerDisplayBody(view) })}\n`));
    const keepAlive = setInterval(() => res.write('\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      off();
    });
    return true;
  };
}
