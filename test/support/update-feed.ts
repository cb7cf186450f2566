import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { DebUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { CancellationToken, configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';

/** A self-signed certificate for 127.0.0.1, made with openssl for this run only. */
export function loopbackCertificate(dir: string): { key: Buffer; cert: Buffer } {
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, 'feed.key');
  const cert = path.join(dir, 'feed.crt');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

export interface FeedFile {
  /** A function answers each request anew (a feed that changes its answer between two reads). */
  body: Buffer | string | (() => Buffer | string);
  contentType?: string;
  /** Answers 302 to this location instead. */
  redirect?: string;
}

/** A static update feed on 127.0.0.1 (https, or http to show it is refused). */
export async function startFeed(files: Map<string, FeedFile>, tls?: { key: Buffer; cert: Buffer }) {
  const requests: string[] = [];
  const handler = (req: IncomingMessage, res: http.ServerResponse) => {
    requests.push(req.url ?? '');
    const file = files.get(new URL(req.url ?? '/', 'https://127.0.0.1').pathname);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    if (file.redirect) {
      res.writeHead(302, { location: file.redirect }).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': file.contentType ?? 'application/octet-stream' })
      .end(typeof file.body === 'function' ? file.body() : file.body);
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What electron-builder writes to the feed for a Linux deb: latest-linux.yml naming the file and its sha512. */
export function latestYml(version: string, fileName: string, body: Buffer, opts: { url?: string; sha512?: string } = {}): string {
  const sha512 = opts.sha512 ?? createHash('sha512').update(body).digest('base64');
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${opts.url ?? fileName}`,
    `    sha512: ${sha512}`,
    `    size: ${body.length}`,
    `path: ${fileName}`,
    `sha512: ${sha512}`,
    `releaseDate: '2025-01-01T00:00:00.000Z'`,
    '',
  ].join('\n');
}

/**
 * electron-updater's transport in the app is Electron's `net` (the OS trust store). Under plain Node the
 * same requests go through https.request trusting only the test certificate, and only to 127.0.0.1.
 */
export class LoopbackHttpExecutor extends HttpExecutor<ClientRequest> {
  constructor(private readonly ca: Buffer) {
    super();
  }

  createRequest(options: RequestOptions & { protocol?: string }, callback: (response: IncomingMessage) => void): ClientRequest {
    if (options.hostname !== '127.0.0.1') throw new Error(`refusing to leave loopback: ${String(options.hostname)}`);
    return options.protocol === 'http:' ? http.request(options, callback) : https.request({ ...options, ca: this.ca }, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    const token = options.cancellationToken ?? new CancellationToken();
    return token.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error: Error | null) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

export function writeAppUpdateConfig(file: string): void {
  writeFileSync(file, 'provider: generic\nurl: https://updates.invalid/nopos-terminal\nupdaterCacheDirName: nopos-terminal-updater\n');
}

let updaters = 0;
/**
 * The real electron-updater for a deb, as an installed terminal runs it, over LoopbackHttpExecutor;
 * installing (handing over to the OS installer) is recorded instead of run.
 */
export function realUpdater(work: string, ca: Buffer) {
  const dir = path.join(work, `app-${updaters++}`);
  const app: AppAdapter = {
    version: '0.1.0',
    name: 'nopos-terminal',
    isPackaged: true,
    appUpdateConfigPath: path.join(dir, 'app-update.yml'),
    userDataPath: path.join(dir, 'user-data'),
    baseCachePath: path.join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  mkdirSync(dir, { recursive: true });
  writeAppUpdateConfig(app.appUpdateConfigPath);
  const updater = new DebUpdater(undefined, app);
  // `httpExecutor` is protected in the typings; the app never touches it.
  (updater as unknown as { httpExecutor: LoopbackHttpExecutor }).httpExecutor = new LoopbackHttpExecutor(ca);
  updater.logger = null;
  const installs: [boolean | undefined, boolean | undefined][] = [];
  updater.quitAndInstall = (silent, runAfter) => void installs.push([silent, runAfter]);
  return { updater, installs, cacheDir: path.join(app.baseCachePath, 'nopos-terminal-updater') };
}
