/**
 * Whether the NoPOS API is reachable, from real requests only: an answer (any status) means online,
 * a dropped, timed-out or TLS-refused request means unreachable. Hysteresis: going offline takes
 * `failuresToOffline` unreachable requests in a row (a lone dropped request among answers is a blip
 * that the retry covers), coming back takes one answer; a run that sent nothing changes nothing.
 * So the status bar changes once per real change, and a card payment can trust it (docs/sync.md).
 */
export class Reachability {
  private state: 'online' | 'offline' = 'offline';
  private failuresInARow = 0;
  private readonly listeners = new Set<(state: 'online' | 'offline') => void>();

  constructor(private readonly options: { failuresToOffline: number } = { failuresToOffline: 2 }) {}

  get current(): 'online' | 'offline' {
    return this.state;
  }

  /** Offline on evidence (unanswered requests since the last answer), not merely because nothing was asked yet. */
  knownDown(): boolean {
    return this.failuresInARow >= this.options.failuresToOffline;
  }

  /** The API answered a request (even with a refusal). */
  answered(): void {
    this.failuresInARow = 0;
    this.set('online');
  }

  /** A request never got an answer: no link, a timeout, or TLS refused. */
  unreachable(): void {
    this.failuresInARow++;
    if (this.failuresInARow >= this.options.failuresToOffline) this.set('offline');
  }

  onChange(listener: (state: 'online' | 'offline') => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: 'online' | 'offline'): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}
