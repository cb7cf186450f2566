import { productInputSchema } from '../../../../shared/domain/catalog';
import { normalizeBarcode } from '../../../../shared/domain/gtin';
import type { z } from 'zod';
import type { ImportRow, RowError } from './import-rows';

export type ValidProduct = z.output<typeof productInputSchema>;

export interface RowContext {
  taxCategoryIds: ReadonlySet<string>;
  /** The SKU of the product in the catalog holding this normalized code, if any. */
  barcodeOwner(code: string): string | null;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : 'row'}: ${issue.message}`)
    .join('; ');
}

/**
 * Each row on its own (the schema, a known tax category), then against the other rows (a SKU or a
 * barcode twice in the file: the later line is refused) and against the catalog (a barcode held by a
 * product the file does not also update). Returns the rows that can be applied together.
 */
export function checkRows(rows: ImportRow[], context: RowContext): { accepted: ValidProduct[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const skuLine = new Map<string, number>();
  const codeClaim = new Map<string, { sku: string; line: number }>();
  let accepted: { line: number; product: ValidProduct }[] = [];

  for (const row of rows) {
    const parsed = productInputSchema.safeParse(row.input);
    if (!parsed.success) {
      errors.push({ line: row.line, message: describe(parsed.error) });
      continue;
    }
    const product = parsed.data;
    if (!context.taxCategoryIds.has(product.taxCategoryId)) {
      errors.push({ line: row.line, message: `tax category "${product.taxCategoryId}" is not known on this terminal.` });
      continue;
    }
    const earlier = skuLine.get(product.sku);
    if (earlier !== undefined) {
      errors.push({ line: row.line, message: `SKU ${product.sku} is already on line ${earlier}.` });
      continue;
    }
    const clash = product.barcodes
      .map((code) => ({ code, claim: codeClaim.get(normalizeBarcode(code)) }))
      .find((c) => c.claim !== undefined && c.claim.sku !== product.sku);
    if (clash?.claim) {
      errors.push({ line: row.line, message: `barcode ${clash.code} is already on line ${clash.claim.line}.` });
      continue;
    }
    skuLine.set(product.sku, row.line);
    for (const code of product.barcodes) codeClaim.set(normalizeBarcode(code), { sku: product.sku, line: row.line });
    accepted.push({ line: row.line, product });
  }

  // A barcode may move to a product in the file only from another product the file updates; refusing
  // a row can keep its old codes in place, so check again until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    const updated = new Set(accepted.map((a) => a.product.sku));
    accepted = accepted.filter(({ line, product }) => {
      for (const code of product.barcodes) {
        const owner = context.barcodeOwner(normalizeBarcode(code));
        if (owner && owner !== product.sku && !updated.has(owner)) {
          errors.push({ line, message: `barcode ${code} belongs to product ${owner}, which this file does not change.` });
          changed = true;
          return false;
        }
      }
      return true;
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { accepted: accepted.map((a) => a.product), errors };
}
