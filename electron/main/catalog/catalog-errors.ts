import { AppError } from '../../../shared/ipc/errors';

export type CatalogErrorReason =
  'invalid_changes' | 'unknown_tax_category' | 'barcode_taken' | 'duplicate_sku' | 'stale_version' | 'currency_mismatch';

/**
 * Why a batch of catalog changes was refused. Thrown before the batch's transaction commits, so a
 * refused batch changes nothing; `sku` names the product at fault when there is one.
 */
export class CatalogChangeError extends AppError {
  constructor(
    readonly reason: CatalogErrorReason,
    message: string,
    readonly sku?: string,
  ) {
    super(reason === 'invalid_changes' ? 'invalid_request' : 'conflict', message);
    this.name = 'CatalogChangeError';
  }
}
