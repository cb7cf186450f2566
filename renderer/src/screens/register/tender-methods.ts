import type { ComponentType, Ref } from 'react';
import type { z } from 'zod';
import type { tenderResultSchema } from '../../../../shared/ipc/areas/sales';
import type { SaleView } from '../../../../shared/domain/sale';
import { CardTender } from './CardTender';
import { CashTender } from './CashTender';

export type TenderOutcome = z.infer<typeof tenderResultSchema>;

export interface TenderFormProps {
  sale: SaleView;
  /** Called with main's answer; the register completes the sale when it carries a receipt. */
  onTendered: (outcome: TenderOutcome) => void;
  onError: (text: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}

export interface TenderMethod {
  id: 'cash' | 'card';
  label: string;
  shortcut: string;
  Form: ComponentType<TenderFormProps>;
}

/**
 * The ways to pay, in the order shown. Every method takes part of what is owed and answers with the
 * sale; split tender is simply several of them.
 */
export const TENDER_METHODS: readonly TenderMethod[] = [
  { id: 'cash', label: 'Cash', shortcut: 'F4', Form: CashTender },
  { id: 'card', label: 'Card', shortcut: 'F6', Form: CardTender },
];
