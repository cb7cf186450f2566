import { z } from 'zod';
import { cursorSchema, isoDateTimeSchema, serverIdSchema } from './common';

export const EVENT_TYPES = [
  'store.updated',
  'catalog.updated',
  'staff.updated',
  'payment.declined_after_forward',
  'terminal.revoked',
] as const;
export const eventTypeSchema = z.enum(EVENT_TYPES);

const base = { id: serverIdSchema('evt'), createdAt: isoDateTimeSchema };

/** The event envelope: `type` decides `data`. Consumers ignore an event id they have seen. */
export const eventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('store.updated'), data: z.object({ storeId: serverIdSchema('sto') }).strict() }).strict(),
  z.object({ ...base, type: z.literal('catalog.updated'), data: z.object({ cursor: cursorSchema }).strict() }).strict(),
  z.object({ ...base, type: z.literal('staff.updated'), data: z.object({ cursor: cursorSchema }).strict() }).strict(),
  z
    .object({
      ...base,
      type: z.literal('payment.declined_after_forward'),
      data: z
        .object({
          paymentId: serverIdSchema('pay'),
          clientId: z.string(),
          transactionClientId: z.string(),
          declineCode: z.enum(['card_declined', 'insufficient_funds']),
        })
        .strict(),
    })
    .strict(),
  z.object({ ...base, type: z.literal('terminal.revoked'), data: z.object({ terminalId: serverIdSchema('trm') }).strict() }).strict(),
]);
export type ApiEvent = z.infer<typeof eventSchema>;

export const eventsQuerySchema = z
  .object({ cursor: cursorSchema.optional(), limit: z.coerce.number().int().min(1).max(100).default(50) })
  .strict();

/** A page of the feed; the whole response body is signed (see signature.ts). */
export const eventsPageSchema = z.object({ events: z.array(eventSchema), cursor: cursorSchema, hasMore: z.boolean() }).strict();
export type EventsPage = z.infer<typeof eventsPageSchema>;
