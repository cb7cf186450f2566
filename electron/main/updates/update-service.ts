import { DEFAULT_UPDATE_CHECK_MINUTES, updatesPolicySchema, type UpdatesPolicy } from '../../../shared/domain/machine-policy';
import { compareVersions } from './versions';

/** The slice of electron-updater's AppUpdater this service drives (structural, so it is tested without Electron). */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{ updateInfo: OfferedUpdate } | null>;
  downloadUpdate(): Promise<string[]>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface OfferedUpdate {
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
  verifyOffer?: (offer: OfferedUpdate) => Promise<string>;
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
    this.configured = true;
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
    if (!this.downloaded) return this.current;
    const blockers = this.deps.installBlockers();
    if (blockers.length > 0) {
      if (this.current.state !== 'deferred' || this.current.blockers.join() !== blockers.join()) {
        this.deps.log({ level: 'info', event: 'update.deferred', version: this.downloaded, blockers });
      }
      return this.set({ state: 'deferred', version: this.downloaded, blockers });
    }
    this.deps.log({ level: 'info', event: 'update.installing', version: this.downloaded, from: this.deps.currentVersion });
    this.set({ state: 'installing', version: this.downloaded });
    // Silent, and the terminal starts again on the new version.
    this.deps.updater.quitAndInstall(true, true);
    return this.current;
  }

  private set(state: UpdateState): UpdateState {
    this.current = state;
    return state;
  }

  private async checkNow(): Promise<UpdateState> {
    const policy = this.deps.policy;
    if (!policy || !this.configured) return this.current;
    if (this.downloaded) return this.tryInstall();
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
