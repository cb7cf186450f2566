import { AppError } from '../../../shared/ipc/errors';

/**
 * Sales with a tender being taken right now (a card read, an online authorization). While one is in
 * flight, the sale it is for is frozen: a changed cart would make the checkout refuse to record a
 * payment the API may already have approved, so cart changes and a second tender are refused instead.
 * In memory on purpose: a crash ends every tender in flight, and with it the freeze.
 */
export class TendersInFlight {
  private readonly sales = new Set<string>();

  /** Refuses with `conflict` while a tender for this sale is in flight. */
  refuseChanges(saleId: string): void {
    if (this.sales.has(saleId)) {
      throw new AppError(
        'conflict',
        'A card payment is being taken for this sale: wait for it to finish (or cancel it on the reader) before changing the sale.',
      );
    }
  }

  async during<T>(saleId: string, work: () => Promise<T>): Promise<T> {
    this.refuseChanges(saleId);
    this.sales.add(saleId);
    try {
      return await work();
    } finally {
      this.sales.delete(saleId);
    }
  }
}
