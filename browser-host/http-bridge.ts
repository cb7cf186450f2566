import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventSink } from '../electron/main/ipc/event-publisher';
import type { IpcRegistry } from '../electron/main/ipc/registry';
import type { SenderContext } from '../electron/main/ipc/sender';
import { RateLimiter } from '../electron/main/ipc/rate-limiter';
import type { IpcResult } from '../shared/ipc/errors';
import { BRIDGE_PATHS, LINK_USED_MESSAGE, MAX_BODY_BYTES } from './protocol';

export interface HttpBridgeOptions {
  registry: IpcRegistry;
  attachEvents: (sink: EventSink) => () => void;
  token: string;
  /** Trades a one-time code for the token; false when the code is unknown or spent. */
  redeem: (code: string) => boolean;
  /** `http://127.0.0.1:PORT`: the only origin and Host the bridge answers. */
  origin: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  // A known length: the answer is complete with its last byte, not with a separate end-of-chunks write.
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(json);
}

function refused(code: 'invalid_request' | 'untrusted_sender', message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Carries the contract over HTTP on loopback. A caller is trusted only when it names our Host
 * (no DNS rebinding), comes from our origin (no cross-site page) and presents this run's token
 * (no other local process). The registry then applies the same checks as under Electron.
 */
export function createHttpBridge(options: HttpBridgeOptions) {
  const expected = digest(options.token);
  // Refusals reach the security log through the registry, but at a bounded rate: another local
  // process must not be able to flush real events out of the rotating log.
  const refusalLog = new RateLimiter(() => Date.now());

  function senderOf(req: IncomingMessage): SenderContext {
    const { origin } = options;
    const presented = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const tokenOk = timingSafeEqual(digest(presented), expected);
    const hostOk = `http://${req.headers.host ?? ''}` === origin;
    // Browsers always send Origin on POST; a GET (the event stream) carries none from a same-origin page.
    const requestOrigin = req.headers.origin ?? (req.method === 'GET' ? origin : null);
    return { id: 'browser-host', url: requestOrigin, isMainFrame: true, authenticated: tokenOk && hostOk && requestOrigin === origin };
  }

  async function call(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, refused('invalid_request', 'Use POST.'));
    const sender = senderOf(req);
    if (!sender.authenticated) {
      // Refused before the body is even read.
      if (refusalLog.take('refusals', { burst: 20, perSecond: 0.2 })) await options.registry.dispatch(channel, undefined, sender);
      return sendJson(res, 403, refused('untrusted_sender', 'Request refused: it did not come from the terminal app.'));
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, refused('invalid_request', 'Send JSON.'));
    }
    const body = await readBody(req);
    if (body === null) return sendJson(res, 413, refused('invalid_request', 'The request is too large.'));
    let payload: unknown;
    try {
      payload = (JSON.parse(body) as { payload?: unknown } | null)?.payload;
    } catch {
      return sendJson(res, 400, refused('invalid_request', 'The request is not valid JSON.'));
    }
    sendJson(res, 200, await options.registry.dispatch(channel, payload, sender));
  }

  async function redeem(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { origin } = options;
    const sameSite = `http://${req.headers.host ?? ''}` === origin && req.headers.origin === origin;
    const body = req.method === 'POST' && sameSite ? await readBody(req) : null;
    let code = '';
    try {
      code = String((JSON.parse(body ?? 'null') as { code?: unknown } | null)?.code ?? '');
    } catch {
      code = '';
    }
    if (!code || !options.redeem(code)) return sendJson(res, 403, refused('untrusted_sender', LINK_USED_MESSAGE));
    sendJson(res, 200, { token: options.token });
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    const sender = senderOf(req);
    if (!sender.authenticated) return sendJson(res, 403, refused('untrusted_sender', 'Request refused.'));
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    res.write('\n');
    const detach = options.attachEvents((event, payload) => res.write(`${JSON.stringify({ event, payload })}\n`));
    const keepAlive = setInterval(() => res.write('\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      detach();
    });
  }

  /** Returns false when the path is not the bridge's, so the static server can take it. */
  return function handle(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    if (pathname.startsWith(BRIDGE_PATHS.call)) {
      let channel: string;
      try {
        channel = decodeURIComponent(pathname.slice(BRIDGE_PATHS.call.length));
      } catch {
        channel = '';
      }
      call(req, res, channel).catch(() => sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Internal error.' } }));
      return true;
    }
    if (pathname === BRIDGE_PATHS.redeem) {
      redeem(req, res).catch(() => sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Internal error.' } }));
      return true;
    }
    if (pathname === BRIDGE_PATHS.events) {
      events(req, res);
      return true;
    }
    return false;
  };
}
