/**
 * Why an update may not install now. Today: items not yet synced. The register adds an open sale
 * (always blocks) and a shift close (lets an update in even with items queued, since the queue
 * survives the update in the database).
 */
export interface InstallBlockerSources {
  pendingSyncCount: () => number;
  /** A sale in progress on this terminal: an update never installs mid-sale. */
  saleOpen?: () => boolean;
  /** The shift has just been closed: the moment updates are meant for. */
  atShiftClose?: () => boolean;
}

export function installBlockers(sources: InstallBlockerSources): () => string[] {
  return () => {
    const reasons: string[] = [];
    if (sources.saleOpen?.()) reasons.push('a sale is open');
    const pending = sources.pendingSyncCount();
    if (pending > 0 && !sources.atShiftClose?.()) reasons.push(`${pending} item${pending === 1 ? '' : 's'} not yet synced`);
    return reasons;
  };
}
