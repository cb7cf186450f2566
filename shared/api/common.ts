import { z } from 'zod';

export { currencySchema } from '../domain/money';

/** Client ids are UUIDv7: time-ordered, generated on the terminal, and the idempotency key of what they name. */
export const uuidV7Schema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a lower-case UUIDv7');

/** Server-side ids: a short type prefix and random base32 (`trm_…`, `sto_…`, `pay_…`). */
export const serverIdSchema = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[a-z2-7]{16}$`), `a ${prefix}_ id`);

export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** Integer minor units; the sandbox refuses amounts no till would ever take. */
export const amountMinorSchema = z.number().int().min(-100_000_000_000).max(100_000_000_000);

/** An opaque incremental-pull cursor; absent or empty means "from the beginning". */
export const cursorSchema = z.string().regex(/^\d{1,15}$/, 'a cursor returned by an earlier pull');

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Any printable key up to 255 characters; terminals use the item's client id. */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/);
/** Set on a response replayed from the idempotency store. */
export const IDEMPOTENT_REPLAY_HEADER = 'idempotent-replayed';
