import { EventEmitter } from 'node:events';

/** What electron-updater's executors (Electron's `net` in the app, Node's http elsewhere) are asked to open. */
export interface FeedRequestOptions {
  protocol?: string | null;
  hostname?: string | null;
  port?: string | number | null;
}

/** The one method every request of an executor goes through, first requests and redirects alike. */
export interface FeedExecutor {
  createRequest(options: FeedRequestOptions, callback: (response: unknown) => void): unknown;
}

export class FeedRedirectRefused extends Error {
  override readonly name = 'FeedRedirectRefused';
  constructor(readonly target: string) {
    super(`Update request refused: ${target} is not the https update feed (a redirect away from it is never followed).`);
  }
}

function originOf(options: FeedRequestOptions): string {
  const protocol = options.protocol ?? 'https:';
  const port = options.port === undefined || options.port === null || options.port === '' ? '' : `:${options.port}`;
  return `${protocol}//${String(options.hostname ?? '').toLowerCase()}${port}`;
}

/** A request that never reaches the network and fails as soon as it is sent. */
function refusedRequest(error: Error): EventEmitter & { end(): void; abort(): void; destroy(): void; write(): boolean } {
  const request = new EventEmitter() as EventEmitter & { end(): void; abort(): void; destroy(): void; write(): boolean };
  request.end = () => setImmediate(() => request.emit('error', error));
  request.abort = () => undefined;
  request.destroy = () => undefined;
  request.write = () => true;
  return request;
}

/**
 * Makes an executor refuse every request, redirects included, that is not https to the feed's own
 * origin. electron-updater opens each redirect's target through `createRequest`, so a 302 from the
 * feed to a plain-http mirror (or to any other host) fails there, before a byte is fetched.
 */
export function guardFeedRequests(executor: FeedExecutor, feedUrl: string, onRefused: (target: string) => void): void {
  const feed = new URL(feedUrl);
  const allowed = `${feed.protocol}//${feed.hostname.toLowerCase()}${feed.port ? `:${feed.port}` : ''}`;
  const createRequest = executor.createRequest.bind(executor);
  executor.createRequest = (options, callback) => {
    const target = originOf(options);
    const samePort = target === allowed || (feed.port === '' && target === `${allowed}:443`);
    if (options.protocol !== 'https:' || !samePort) {
      onRefused(target);
      return refusedRequest(new FeedRedirectRefused(target));
    }
    return createRequest(options, callback);
  };
}
