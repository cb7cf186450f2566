import type { CustomerDisplaySettings } from '../../../../shared/domain/devices';
import type { SaleView } from '../../../../shared/domain/sale';
import type { DeviceLink } from '../links/printer-link';
import type { SerialLine } from '../links/serial-link';
import { displayViewOf, type CustomerDisplayView } from './display-view';
import { poleBytes, poleLines } from './pole-display';

export type DisplayListener = (view: CustomerDisplayView) => void;

/**
 * The customer's view of the sale in front of them. The register feeds it after each change; screens
 * (a second window, the browser page) and the pole display listen. Nothing here can slow the sale down:
 * listeners get the view synchronously and do their own I/O in the background.
 */
export class CustomerDisplay {
  private view: CustomerDisplayView;
  private readonly listeners = new Set<DisplayListener>();

  constructor(private readonly deps: { storeName: () => string; locale?: string }) {
    this.view = { phase: 'idle', storeName: deps.storeName() };
  }

  get current(): CustomerDisplayView {
    return this.view;
  }

  showSale(sale: SaleView | null, changeMinor = 0): void {
    this.show(displayViewOf(sale, changeMinor, this.deps.storeName(), this.deps.locale));
  }

  show(view: CustomerDisplayView): void {
    this.view = view;
    for (const listener of this.listeners) {
      try {
        listener(view);
      } catch {
        // One broken screen must not stop the others, nor the sale.
      }
    }
  }

  subscribe(listener: DisplayListener): () => void {
    this.listeners.add(listener);
    listener(this.view);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Writes the view to a 2 × 20 pole display. Only the newest view is written: one waiting behind a
 * slow port is replaced, never queued, so the pole shows the present and never a backlog.
 */
export function poleDisplayWriter(deps: {
  settings: () => CustomerDisplaySettings;
  openLink: (line: SerialLine, timeoutMs: number) => Promise<DeviceLink>;
  onFailure: (message: string) => void;
  timeoutMs?: number;
}): DisplayListener & { idle(): Promise<void> } {
  let writing: Promise<void> | null = null;
  let next: CustomerDisplayView | null = null;
  let lastFailed = false;
  const timeoutMs = deps.timeoutMs ?? 1_000;

  async function drain(): Promise<void> {
    while (next) {
      const view = next;
      next = null;
      const settings = deps.settings();
      if (settings.kind !== 'pole' || !settings.serialPath) continue;
      try {
        const link = await deps.openLink({ path: settings.serialPath, baudRate: settings.baudRate }, timeoutMs);
        try {
          await link.write(poleBytes(poleLines(view)), timeoutMs);
        } finally {
          link.close();
        }
        lastFailed = false;
      } catch {
        // Said once per outage, not at every scan.
        if (!lastFailed) deps.onFailure('The pole display does not answer: check its cable and power. Selling goes on.');
        lastFailed = true;
      }
    }
  }

  const listener = (view: CustomerDisplayView) => {
    next = view;
    writing ??= drain().finally(() => {
      writing = null;
    });
  };
  return Object.assign(listener, { idle: () => writing ?? Promise.resolve() });
}
