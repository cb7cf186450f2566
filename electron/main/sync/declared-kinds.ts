import type { ApiClient } from '../api-client/api-client';
import type { PendingItem } from '../storage/outbox-queue';

/**
 * An outbox kind an area declares and delivers itself, one item per request. `deliver` builds the
 * request at send time (so personal data is read from its area's tables, never stored in the queue),
 * resolves with the API's id, or null when there is nothing left to send (the item is settled), and
 * throws the ApiClientError it met: a refusal moves the item to needs-attention, anything else is retried.
 */
export interface DeclaredKind {
  kind: string;
  deliver(item: PendingItem, api: ApiClient): Promise<{ serverId: string | null }>;
}

/** The kinds areas declared; sync consults it for any kind it does not deliver itself. */
export class DeclaredKinds {
  private readonly kinds = new Map<string, DeclaredKind>();

  declare(kinds: readonly DeclaredKind[]): void {
    for (const kind of kinds) {
      if (this.kinds.has(kind.kind)) throw new Error(`Outbox kind ${kind.kind} is declared twice`);
      this.kinds.set(kind.kind, kind);
    }
  }

  get(kind: string): DeclaredKind | undefined {
    return this.kinds.get(kind);
  }
}
