import { errorMessage } from '../../bridge/messages';

/** The cashier's words for a failed customer call. */
export function customerError(error: unknown, action: string): string {
  return errorMessage(error, action, `Could not ${action}.`);
}

export const PURPOSE_LABELS = { email_receipts: 'E-mailed receipts', marketing: 'Offers by e-mail' } as const;
