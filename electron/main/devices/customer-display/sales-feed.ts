import type { SaleView } from '../../../../shared/domain/sale';

type AnyHandlers = Record<string, (request: never, context: never) => unknown>;

const isSaleView = (value: unknown): value is SaleView =>
  typeof value === 'object' && value !== null && 'saleId' in value && 'lines' in value && 'totals' in value && 'status' in value;

/** The sale a register answer carries: the answer itself, or its `sale`. */
function saleIn(result: unknown): { sale: SaleView; changeMinor: number } | null {
  if (isSaleView(result)) return { sale: result, changeMinor: 0 };
  if (typeof result !== 'object' || result === null || !('sale' in result)) return null;
  const { sale, changeMinor } = result as { sale: unknown; changeMinor?: unknown };
  return isSaleView(sale) ? { sale, changeMinor: typeof changeMinor === 'number' ? changeMinor : 0 } : null;
}

/**
 * Hands every sale the register answers with (a scan, a quantity, a tender) to the customer display,
 * after the register is done with it: the answer reaches the cashier unchanged and unaware.
 */
export function feedingCustomerDisplay<H extends AnyHandlers>(
  handlers: H,
  show: (sale: SaleView | null, changeMinor: number) => void,
  clears: readonly string[] = ['clear', 'park'],
): H {
  const wrapped: AnyHandlers = {};
  for (const [name, handler] of Object.entries(handlers)) {
    wrapped[name] = async (request: never, context: never) => {
      const result = await handler(request, context);
      const found = saleIn(result);
      if (found) show(found.sale, found.changeMinor);
      else if (clears.includes(name)) show(null, 0);
      return result;
    };
  }
  return wrapped as H;
}
