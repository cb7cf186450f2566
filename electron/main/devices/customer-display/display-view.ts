import { formatMoney } from '../../../../shared/domain/display-format';
import type { SaleView } from '../../../../shared/domain/sale';

/**
 * What the customer may see, and nothing more: the lines of the sale in front of them, the total,
 * what they handed over and their change, then thanks. No staff names, no card data, no other sale.
 */
export type CustomerDisplayView =
  | { phase: 'idle'; storeName: string }
  | { phase: 'sale'; storeName: string; lines: DisplayLine[]; total: string }
  | { phase: 'paid'; storeName: string; total: string; tendered: string; change: string };

export interface DisplayLine {
  name: string;
  quantity: string;
  amount: string;
}

/** The lines a screen shows at most: the newest, as the customer watches them scanned. */
const MAX_LINES = 12;

function quantityText(line: SaleView['lines'][number]): string {
  if (line.soldBy === 'weight') return `${(line.quantity / 1000).toFixed(3)} kg`;
  return line.quantity === 1 ? '' : `${line.quantity} ×`;
}

export function displayViewOf(sale: SaleView | null, changeMinor: number, storeName: string, locale?: string): CustomerDisplayView {
  if (!sale || sale.status === 'parked' || sale.status === 'voided' || (sale.status === 'open' && sale.lines.length === 0))
    return { phase: 'idle', storeName };
  const money = (minor: number) => formatMoney(minor, sale.totals.currency, locale);
  if (sale.status === 'completed') {
    const tendered = sale.payments.reduce((sum, p) => sum + (p.cash?.givenMinor ?? p.amountMinor), 0);
    return { phase: 'paid', storeName, total: money(sale.totals.totalMinor), tendered: money(tendered), change: money(changeMinor) };
  }
  return {
    phase: 'sale',
    storeName,
    lines: sale.lines
      .slice(-MAX_LINES)
      .map((line) => ({ name: line.name, quantity: quantityText(line), amount: money(line.grossMinor - line.lineDiscountMinor) })),
    total: money(sale.totals.totalMinor),
  };
}
