import type { NoposContract } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/errors';
import type { Handlers, HandlerContext } from '../ipc/registry';
import type { CardPaymentService } from '../payments/card-payment-service';
import type { CartService } from './cart-service';
import type { CheckoutService } from './checkout-service';
import { cashTender } from './tender';
import type { VoidService } from './void-service';

/** Register channels act for the signed-in staff member; the gate has already checked the permission. */
export function staffOf(context: HandlerContext): string {
  if (!context.actorId) throw new AppError('unauthenticated', 'Sign in to do this.');
  return context.actorId;
}

export function createSalesHandlers(cart: CartService, checkout: CheckoutService, voids: VoidService, cards: CardPaymentService): Handlers<NoposContract>['sales'] {
  const actor = (context: HandlerContext) => ({ staffId: staffOf(context), stepUp: context.stepUp });
  return {
    current: () => cart.current(),
    addByBarcode: ({ code, quantity, times }, context) => cart.addByBarcode(code, quantity, staffOf(context), times),
    addProduct: ({ productId, quantity, times }, context) => cart.addProduct(productId, quantity, staffOf(context), times),
    setQuantity: ({ lineId, quantity }) => cart.setQuantity(lineId, quantity),
    removeLine: ({ lineId }, context) => cart.removeLine(lineId, staffOf(context)),
    clear: (_request, context) => cart.clear(actor(context)),
    discountLine: ({ lineId, discount }, context) => cart.discountLine(lineId, discount, actor(context)),
    discountSale: ({ discount }, context) => cart.discountSale(discount, actor(context)),
    park: ({ note }) => cart.park(note),
    listParked: () => cart.listParked(),
    resume: ({ saleId }) => cart.resume(saleId),
    tenderCash: ({ saleId, paymentId, givenMinor }, context) => checkout.tender(saleId, paymentId, cashTender(givenMinor), staffOf(context)),
    tenderCard: (request, context) => cards.tenderCard(request, actor(context)),
    recent: ({ limit }) => checkout.recent(limit),
    void: (request, context) => voids.void(request, staffOf(context), context.approverId ?? null),
  };
}
