import type { AppUpdater } from 'electron-updater';
import type { AppUpdaterEvents } from 'electron-updater/out/AppUpdater';
import { DEFAULT_UPDATE_CHECK_MINUTES, updatesPolicySchema, type UpdatesPolicy } from '../../../shared/domain/machine-policy';
import { compareVersions } from './versions';

/** The slice of electron-updater's AppUpdater this service drives, with its own types (its fakes implement them too). */
export type UpdaterPort = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'allowDowngrade'
  | 'allowPrerelease'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'downloadUpdate'
  | 'quitAndInstall'
> & {
  /** AppUpdater's `on('error')` (its TypedEmitter signature, without the `this` an EventEmitter fake cannot be). */
  on(event: 'error', listener: AppUpdaterEvents['error']): unknown;
};

type OfferedUpdate = NonNullable<Awaited<ReturnType<UpdaterPort['checkForUpdates']>>>['updateInfo'];

/** What a signature check reads of an offer: its version and each file's sha512. */
export interface SignedOffer {
  version: string;
  files: { url: string; sha512: string }[];
}

export type UpdateState =
  | { state: 'disabled' }
  | { state: 'idle' }
  | { state: 'up_to_date'; checkedAt: string }
  | { state: 'held'; offered: string; pinned: string }
  | { state: 'refused'; offered: string; reason: 'insecure_url' | 'checksum' | 'signature' | 'download_failed' }
  | { state: 'failed'; reason: string }
  | { state: 'deferred'; version: string; blockers: string[] }
  | { state: 'installing'; version: string };

export interface UpdateServiceDeps {
  updater: UpdaterPort;
  /** From the machine policy; without it the terminal never updates itself. */
  policy: UpdatesPolicy | undefined;
  currentVersion: string;
  /**
   * Why an update may not install right now (an open sale, unsynced items outside a shift close …);
   * empty when it may. See install-blockers.ts.
   */
  installBlockers: () => string[];
  log: (entry: Record<string, unknown>) => void;
  now: () => Date;
  /**
   * Where the OS checks no signature (Linux), the offer's own signature check (feed-signature.ts):
   * anything but 'ok' refuses the update before it is downloaded.
   */
  verifyOffer?: (offer: SignedOffer) => Promise<string>;
  /** Runs just before the updater quits the app to install (an AppImage lets go of its single-instance lock). */
  beforeInstall?: () => void;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : '';
}

function refusalOf(error: unknown): 'checksum' | 'signature' | 'insecure_url' | 'download_failed' {
  const text = `${errorCode(error)} ${(error as Error)?.message ?? ''}`;
  if (/checksum|sha512|sha2/i.test(text)) return 'checksum';
  if (/signature|publisher|code ?sign/i.test(text)) return 'signature';
  if (/FeedRedirectRefused|not the https update feed/.test(text)) return 'insecure_url';
  return 'download_failed';
}

/**
 * Updates from an IT-hosted generic feed, by policy only. Nothing downloads unless the feed is https
 * and every file it offers is too; nothing installs while installBlockers() names a reason, and an
 * update waits, downloaded, until the next time there is none. Checksums (sha512 from the feed) are
 * checked by electron-updater while downloading; the Windows publisher and the macOS code signature
 * are checked by electron-updater / Squirrel.Mac before installing.
 */
export class UpdateService {
  private current: UpdateState;
  private downloaded: string | null = null;
  private busy: Promise<UpdateState> | null = null;
  private configured = false;
  /** quitAndInstall was called: the app is on its way out, and it is never called twice. */
  private installing = false;
  /** The last install failed: tried again at the next check, not every minute. */
  private installFailed = false;

  constructor(private readonly deps: UpdateServiceDeps) {
    this.current = deps.policy ? { state: 'idle' } : { state: 'disabled' };
    if (!deps.policy) return;
    // The policy file is validated at start; this guards any other way a policy could arrive.
    if (!updatesPolicySchema.safeParse(deps.policy).success) {
      this.current = { state: 'failed', reason: 'The update feed in the IT policy must be an https:// URL without credentials.' };
      return;
    }
    const { updater } = deps;
    // This service decides when to download and when to install; electron-updater never does so alone.
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = false;
    updater.allowDowngrade = false;
    updater.allowPrerelease = false;
    updater.setFeedURL({ provider: 'generic', url: deps.policy.feedUrl });
    // electron-updater reports some failures only as an `error` event (a failed installer spawn, Squirrel.Mac's
    // errors); an EventEmitter with no `error` listener throws, which would take the main process down.
    updater.on('error', (error) => this.onUpdaterError(error));
    this.configured = true;
  }

  private onUpdaterError(error: Error): void {
    this.deps.log({ level: 'error', event: 'update.error', code: errorCode(error) || 'unknown', name: error?.name ?? 'Error' });
    if (this.installing) {
      this.installing = false;
      this.installFailed = true;
      this.set({ state: 'failed', reason: 'The update could not be installed; it is tried again at the next check.' });
    }
  }

  status(): UpdateState {
    return this.current;
  }

  get checkIntervalMs(): number {
    return (this.deps.policy?.checkIntervalMinutes ?? DEFAULT_UPDATE_CHECK_MINUTES) * 60_000;
  }

  /** Asks the feed, downloads an acceptable update, then installs it if nothing blocks. One at a time. */
  check(): Promise<UpdateState> {
    this.busy ??= this.checkNow().finally(() => (this.busy = null));
    return this.busy;
  }

  /** Installs a downloaded update once nothing blocks it; called on a timer and when a blocker clears. */
  tryInstall(): UpdateState {
    if (!this.downloaded || this.installing || this.installFailed) return this.current;
    const blockers = this.deps.installBlockers();
    if (blockers.length > 0) {
      if (this.current.state !== 'deferred' || this.current.blockers.join() !== blockers.join()) {
        this.deps.log({ level: 'info', event: 'update.deferred', version: this.downloaded, blockers });
      }
      return this.set({ state: 'deferred', version: this.downloaded, blockers });
    }
    this.deps.log({ level: 'info', event: 'update.installing', version: this.downloaded, from: this.deps.currentVersion });
    this.set({ state: 'installing', version: this.downloaded });
    this.installing = true;
    this.deps.beforeInstall?.();
    // Silent, and the terminal starts again on the new version. A synchronous failure is also an `error` event.
    this.deps.updater.quitAndInstall(true, true);
    return this.current;
  }

  private set(state: UpdateState): UpdateState {
    this.current = state;
    return state;
  }

  private async checkNow(): Promise<UpdateState> {
    const policy = this.deps.policy;
    if (!policy || !this.configured || this.installing) return this.current;
    if (this.downloaded) {
      this.installFailed = false;
      return this.tryInstall();
    }
    let offer: OfferedUpdate | undefined;
    try {
      offer = (await this.deps.updater.checkForUpdates())?.updateInfo;
    } catch (error) {
      this.deps.log({ level: 'warning', event: 'update.check_failed', code: errorCode(error) || 'unknown' });
      return this.set({ state: 'failed', reason: 'The update feed could not be read.' });
    }
    if (!offer || compareVersions(offer.version, this.deps.currentVersion) <= 0) {
      return this.set({ state: 'up_to_date', checkedAt: this.deps.now().toISOString() });
    }
    if (policy.pinnedVersion && offer.version !== policy.pinnedVersion) {
      return this.set({ state: 'held', offered: offer.version, pinned: policy.pinnedVersion });
    }
    const insecure = offer.files.some((file) => new URL(file.url, `${policy.feedUrl.replace(/\/?$/, '/')}`).protocol !== 'https:');
    if (insecure) {
      this.deps.log({ level: 'warning', event: 'update.refused', version: offer.version, reason: 'insecure_url' });
      return this.set({ state: 'refused', offered: offer.version, reason: 'insecure_url' });
    }
    if (this.deps.verifyOffer) {
      const verdict = await this.deps.verifyOffer(offer).catch(() => 'unreadable');
      if (verdict !== 'ok') {
        this.deps.log({ level: 'warning', event: 'update.refused', version: offer.version, reason: 'signature', verdict });
        return this.set({ state: 'refused', offered: offer.version, reason: 'signature' });
      }
    }
    try {
      await this.deps.updater.downloadUpdate();
    } catch (error) {
      const reason = refusalOf(error);
      this.deps.log({ level: 'warning', event: 'update.refused', version: offer.version, reason, code: errorCode(error) || 'unknown' });
      return this.set({ state: 'refused', offered: offer.version, reason });
    }
    this.downloaded = offer.version;
    this.deps.log({ level: 'info', event: 'update.downloaded', version: offer.version });
    return this.tryInstall();
  }
}
