import type { NoposContract } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/errors';
import type { HandlerContext, Handlers } from '../ipc/registry';
import { staffOf } from '../ipc/staff-of';
import type { CardPaymentService } from '../payments/card-payment-service';
import type { CartService } from './cart-service';
import type { CheckoutService } from './checkout-service';
import { cashTender } from './tender';
import type { VoidService } from './void-service';

/** What the sales area is handed by core/: its services, and whether NoPOS removed this terminal from its store. */
export interface SalesHandlerPorts {
  cart: CartService;
  checkout: CheckoutService;
  voids: VoidService;
  cards: Pick<CardPaymentService, 'tenderCard'>;
  /** After `terminal.revoked` (the enrollment area), no sale starts and none takes payment. */
  revoked: () => boolean;
}

export function createSalesHandlers({ cart, checkout, voids, cards, revoked }: SalesHandlerPorts): Handlers<NoposContract>['sales'] {
  const actor = (context: HandlerContext) => ({ staffId: staffOf(context), stepUp: context.stepUp });
  const notRevoked =
    <A extends unknown[], R>(handler: (...args: A) => R) =>
    (...args: A): R => {
      if (revoked())
        throw new AppError(
          'forbidden',
          'This terminal was removed from its store by NoPOS: it takes no new sales. Unsynced sales are kept.',
        );
      return handler(...args);
    };
  return {
    current: () => cart.current(),
    addByBarcode: notRevoked(({ code, quantity, times }, context) => cart.addByBarcode(code, quantity, staffOf(context), times)),
    addProduct: notRevoked(({ productId, quantity, times }, context) => cart.addProduct(productId, quantity, staffOf(context), times)),
    setQuantity: ({ lineId, quantity }) => cart.setQuantity(lineId, quantity),
    removeLine: ({ lineId }, context) => cart.removeLine(lineId, staffOf(context)),
    clear: (_request, context) => cart.clear(actor(context)),
    discountLine: ({ lineId, discount }, context) => cart.discountLine(lineId, discount, actor(context)),
    discountSale: ({ discount }, context) => cart.discountSale(discount, actor(context)),
    park: ({ note }) => cart.park(note),
    listParked: () => cart.listParked(),
    resume: ({ saleId }) => cart.resume(saleId),
    tenderCash: notRevoked(({ saleId, paymentId, givenMinor }, context) =>
      checkout.tender(saleId, paymentId, cashTender(givenMinor), staffOf(context)),
    ),
    tenderCard: notRevoked((request, context) => cards.tenderCard(request, actor(context))),
    recent: ({ limit }) => checkout.recent(limit),
    void: (request, context) => voids.void(request, staffOf(context), context.approverId ?? null),
  };
}
