/** Why the drawer opened: a sale, refund or void in cash, paid in or out, or one of the drawer channel's reasons. */
export type DrawerOpenReason = 'sale' | 'refund' | 'void' | 'paid_in' | 'paid_out' | 'no_sale' | 'change' | 'float' | 'pickup';

/**
 * The cash drawer. A real one is kicked through the receipt printer's drawer port (a later driver);
 * the simulated one stands in for development and tests. Callers audit the opening themselves.
 */
export interface CashDrawer {
  /** Resolves once the drawer was told to open; rejects when it could not be. */
  open(reason: DrawerOpenReason): Promise<void>;
}

export interface DrawerKick {
  reason: DrawerOpenReason;
  at: string;
}

/** Records each kick (the latest 100) and writes it to the log it is given. */
export class SimulatedCashDrawer implements CashDrawer {
  private readonly recorded: DrawerKick[] = [];

  constructor(private readonly deps: { now: () => Date; log?: (entry: Record<string, unknown>) => void }) {}

  get kicks(): readonly DrawerKick[] {
    return this.recorded;
  }

  open(reason: DrawerOpenReason): Promise<void> {
    const kick = { reason, at: this.deps.now().toISOString() };
    this.recorded.push(kick);
    if (this.recorded.length > 100) this.recorded.shift();
    this.deps.log?.({ event: 'drawer.kick', device: 'simulated', ...kick });
    return Promise.resolve();
  }
}
