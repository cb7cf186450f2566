import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveAsset } from '../electron/main/window/app-assets';
import { SECURITY_HEADERS } from '../electron/main/window/content-security-policy';
import type { EventSink } from '../electron/main/ipc/event-publisher';
import type { IpcRegistry } from '../electron/main/ipc/registry';
import { createHttpBridge } from './http-bridge';
import { BRIDGE_PATHS, CODE_FRAGMENT_KEY } from './protocol';
import { customerDisplayRoutes, DISPLAY_PATHS, DISPLAY_TOKEN_KEY, type DisplaySource } from './customer-display-page';

interface HostedCore {
  registry: IpcRegistry;
  attachEvents: (sink: EventSink) => () => void;
  /** What the customer display page shows (devices area); none: the page is refused. */
  customerDisplay?: DisplaySource;
}

export interface BrowserHostOptions {
  /** Builds the core once the origin is known, since the core's sender check names it. */
  createCore: (origin: string) => HostedCore | Promise<HostedCore>;
  rendererDir: string;
  bridgeScriptPath: string;
  port?: number;
}

export interface BrowserHost {
  origin: string;
  /** A URL to open the app once: it carries a fresh one-time code that the page trades for the token. */
  newAppUrl(): string;
  /** The customer display page (a second screen): read-only, fed only what the customer may see. */
  customerDisplayUrl(): string;
  close(): Promise<void>;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  res.end('Not found');
}

/**
 * Serves the built renderer and the bridge on 127.0.0.1 only. Development and end-to-end tests
 * use it where the Electron binary cannot run; it is never packaged into the installer.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(32).toString('base64url');
  const codes = new Set<string>();
  const shim = await readFile(options.bridgeScriptPath);
  const indexPath = path.resolve(options.rendererDir, 'index.html');
  // The one difference from the Electron page: the shim that provides `window.nopos` loads first.
  const indexHtml = (await readFile(indexPath, 'utf8')).replace('<head>', `<head>\n    <script src="${BRIDGE_PATHS.script}"></script>`);
  let origin = '';
  let handleBridge: ReturnType<typeof createHttpBridge> | null = null;
  const displayToken = randomBytes(32).toString('base64url');
  let display: DisplaySource | null = null;
  const handleDisplay = customerDisplayRoutes({ token: displayToken, source: () => display });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (handleBridge?.(req, res, pathname)) return;
    if (handleDisplay(req, res, pathname)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(res);
    if (pathname === BRIDGE_PATHS.script) {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/javascript; charset=utf-8' });
      return void res.end(shim);
    }
    const asset = resolveAsset(pathname, options.rendererDir);
    if (asset.kind === 'not_found') return notFound(res);
    const body = asset.filePath === indexPath ? indexHtml : await readFile(asset.filePath);
    res.writeHead(200, asset.headers);
    res.end(body);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) notFound(res);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const core = await options.createCore(origin);
  display = core.customerDisplay ?? null;
  handleBridge = createHttpBridge({
    registry: core.registry,
    attachEvents: core.attachEvents,
    token,
    origin,
    redeem: (code) => codes.delete(code),
  });

  return {
    origin,
    newAppUrl() {
      const code = randomBytes(24).toString('base64url');
      codes.add(code);
      return `${origin}/#${CODE_FRAGMENT_KEY}=${code}`;
    },
    customerDisplayUrl: () => `${origin}${DISPLAY_PATHS.page}#${DISPLAY_TOKEN_KEY}=${displayToken}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
