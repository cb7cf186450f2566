import { guardFeedRequests, type FeedExecutor } from './feed-guard';
import { signedFeedCheck } from './feed-signature';
import type { UpdateServiceDeps } from './update-service';

interface FeedTextExecutor {
  request(options: ReturnType<typeof requestOptions>): Promise<string | null>;
}

function requestOptions(url: URL) {
  return {
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: url.port } : {}),
    path: `${url.pathname}${url.search}`,
    headers: {},
  };
}

/**
 * Hardens an electron-updater instance for the IT feed: its executor (Electron's `net` in the app)
 * refuses any request or redirect that leaves https or the feed's origin, and on Linux the offer must
 * be the one the release key signed. Returns the check the update service runs before downloading.
 */
export function hardenFeed(options: {
  updater: unknown;
  feedUrl: string;
  platform: NodeJS.Platform;
  publicKeyPem: string | null;
  log: (entry: Record<string, unknown>) => void;
}): Pick<UpdateServiceDeps, 'verifyOffer'> {
  const executor = (options.updater as { httpExecutor: FeedExecutor & FeedTextExecutor }).httpExecutor;
  guardFeedRequests(executor, options.feedUrl, (target) => options.log({ level: 'warning', event: 'update.redirect_refused', target }));
  if (options.platform !== 'linux') return {};
  return {
    verifyOffer: signedFeedCheck({
      feedUrl: options.feedUrl,
      publicKeyPem: options.publicKeyPem,
      fetchText: (url) => executor.request(requestOptions(url)),
    }),
  };
}
