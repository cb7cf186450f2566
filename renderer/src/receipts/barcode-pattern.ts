import { canEncodeCode128B, code128Modules } from '../../../shared/domain/code128';

/** The Code 128 bar pattern of a receipt number, from the encoder the printed receipt uses too. */
export function barcodeModules(text: string): string | null {
  return canEncodeCode128B(text) ? code128Modules(text) : null;
}
