import type { SaleView } from '../../../../shared/domain/sale';
import type { AuditTrail } from '../../audit/audit-trail';
import type { HandlerContext } from '../../ipc/registry';

/** How long a steady reading may be used for the line it was weighed for. */
export const READING_VALID_MS = 120_000;

/** The scale's latest steady readings, each usable once. */
export class ScaleReadings {
  private readings: { grams: number; at: number }[] = [];

  constructor(private readonly now: () => Date) {}

  record(grams: number): void {
    this.readings = [
      ...this.readings.filter((r) => this.now().getTime() - r.at < READING_VALID_MS),
      { grams, at: this.now().getTime() },
    ].slice(-5);
  }

  /** True, once, when the scale gave exactly these grams within the last two minutes. */
  take(grams: number): boolean {
    const index = this.readings.findIndex((r) => r.grams === grams && this.now().getTime() - r.at < READING_VALID_MS);
    if (index < 0) return false;
    this.readings.splice(index, 1);
    return true;
  }
}

type Handler = (request: never, context: HandlerContext) => unknown;

export interface WeighedDeps {
  /** True while a scale is set up: only then is a typed weight an override. */
  scaleSetUp: () => boolean;
  readings: ScaleReadings;
  /** Whether the request puts a weight on a weighed product or line. */
  weighedProduct: (request: { code?: string; productId?: string }) => boolean;
  weighedLine: (lineId: string) => boolean;
  audit: Pick<AuditTrail, 'record'>;
}

/**
 * With a scale set up, a weighed line takes the scale's steady reading; a weight typed by hand (the
 * scale is broken) needs `approve:overrides` — a manager at the till or a manager's approval of that
 * one request — and is audited as `sale.weight_entered`.
 */
export function weighedByScale<H extends Record<string, Handler>>(handlers: H, deps: WeighedDeps): H {
  const guard = (name: string, weighed: (request: Record<string, unknown>) => boolean): Handler => {
    const inner = handlers[name] as Handler;
    return (request, context) => {
      const req = request as Record<string, unknown>;
      const grams = typeof req.quantity === 'number' ? req.quantity : null;
      if (grams !== null && deps.scaleSetUp() && weighed(req) && !deps.readings.take(grams)) {
        const { approverId } = context.stepUp();
        deps.audit.record({
          action: 'sale.weight_entered',
          actorId: context.actorId,
          ...(approverId ? { approverId } : {}),
          details: { grams },
        });
      }
      return inner(request, context);
    };
  };
  return {
    ...handlers,
    addByBarcode: guard('addByBarcode', (r) => deps.weighedProduct({ code: String(r.code) })),
    addProduct: guard('addProduct', (r) => deps.weighedProduct({ productId: String(r.productId) })),
    setQuantity: guard('setQuantity', (r) => deps.weighedLine(String(r.lineId))),
  };
}

/** The open sale's line, for `weighedLine`. */
export const lineIsWeighed = (sale: SaleView | null, lineId: string): boolean =>
  sale?.lines.find((l) => l.lineId === lineId)?.soldBy === 'weight';
