import tls from 'node:tls';

/** Node 22.15+ (Electron 45's Node): the OS store ('system'), Node's bundled roots plus NODE_EXTRA_CA_CERTS ('default'). */
export type CaCertificates = (store: 'default' | 'system') => string[];

export interface TrustOptions {
  /** Development: the one CA to trust (the sandbox's). It replaces every other root, the OS store included. */
  exactCaPem?: string;
  /**
   * Inside Electron: also trust what the OS trusts, as Chromium does — a store's private CA or its TLS
   * inspection proxy's root is installed there by IT, never in Node's bundled list.
   */
  osStore: boolean;
  getCACertificates?: CaCertificates | undefined;
  log?: (entry: Record<string, unknown>) => void;
}

function nodeCaCertificates(): CaCertificates | undefined {
  // Not in Node 20's typings (the tests' Node); present in Electron 45's Node 22.
  const fn = (tls as { getCACertificates?: CaCertificates }).getCACertificates;
  return typeof fn === 'function' ? fn.bind(tls) : undefined;
}

/**
 * The roots the API client verifies NoPOS's certificate against; `undefined` means Node's defaults.
 * Verification itself is never turned off, whichever roots are chosen.
 */
export function trustedRoots(options: TrustOptions): string[] | undefined {
  if (options.exactCaPem) return [options.exactCaPem];
  if (!options.osStore) return undefined;
  const get = 'getCACertificates' in options ? options.getCACertificates : nodeCaCertificates();
  if (!get) {
    options.log?.({ level: 'warning', event: 'tls.system_store_unavailable' });
    return undefined;
  }
  return [...new Set([...get('default'), ...get('system')])];
}
