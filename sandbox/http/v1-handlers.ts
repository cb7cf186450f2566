import {
  API_ROUTES,
  TEST_PAYMENT_TOKENS,
  paymentRequestSchema,
  transactionEnvelopeSchema,
  type ApiRouteName,
  type PaymentRecord,
  type TransactionType,
} from '../../shared/api';
import type { ApiScope } from '../../shared/api/scopes';
import type { z } from 'zod';
import type { SandboxServices } from '../services';
import { formatEnrollmentCode } from '../store/ids';
import { pageOf } from '../store/catalog';
import type { StoreRow, TerminalRow } from '../store/tenants';
import { ApiHttpError } from './api-error';

export interface HandlerInput {
  body: unknown;
  query: unknown;
  params: unknown;
  terminal: TerminalRow | null;
}
export interface HandlerResult {
  status?: number;
  body: unknown;
}
type Handler = (input: HandlerInput) => HandlerResult;

const TYPE_SCOPE: Record<TransactionType, ApiScope> = {
  shift_open: 'create:transactions',
  sale: 'create:transactions',
  paid_in: 'create:transactions',
  paid_out: 'create:transactions',
  settlement: 'create:transactions',
  shift_close: 'create:transactions',
  refund: 'refund:transactions',
  void: 'void:transactions',
};

type Envelope = z.output<typeof transactionEnvelopeSchema>;

function recordOne(services: SandboxServices, terminal: TerminalRow, envelope: Envelope) {
  const scope = TYPE_SCOPE[envelope.type];
  if (!(JSON.parse(terminal.scopes) as ApiScope[]).includes(scope))
    return { error: new ApiHttpError('forbidden', `This API key lacks the scope ${scope}.`) };
  const outcome = services.ledger.recordTransaction(terminal.id, envelope);
  if (outcome.status === 'conflict')
    return { error: new ApiHttpError('conflict', 'This client id was already used for a different transaction.') };
  return outcome;
}

const PAYMENT_BLOCKED = 'This payment was cancelled by the terminal before it arrived; take it again with a new client id.';

const TOKEN_OUTCOMES: Record<string, { status: PaymentRecord['status']; declineCode: PaymentRecord['declineCode'] }> = {
  [TEST_PAYMENT_TOKENS.decline]: { status: 'declined', declineCode: 'card_declined' },
  [TEST_PAYMENT_TOKENS.insufficientFunds]: { status: 'declined', declineCode: 'insufficient_funds' },
  [TEST_PAYMENT_TOKENS.processingError]: { status: 'declined', declineCode: 'processing_error' },
};

const storeBody = (store: StoreRow) => ({
  id: store.id,
  name: store.name,
  currency: store.currency,
  ...(store.address ? { address: store.address } : {}),
});

type PaymentInput = z.output<typeof paymentRequestSchema>;

/** Stores one payment as its token decides; null when a reversal blocked its client id. */
function recordPaymentOf(services: SandboxServices, terminal: TerminalRow, request: PaymentInput) {
  const outcome = TOKEN_OUTCOMES[request.paymentToken] ?? { status: 'approved' as const, declineCode: null };
  const recorded = services.ledger.recordPayment(terminal.id, request, outcome);
  if (recorded?.created && request.paymentToken === TEST_PAYMENT_TOKENS.declineAfterForward)
    services.declineAfterForward(recorded.payment.id, 'card_declined');
  // Answered as received (approved); the decline after forwarding follows on the events feed.
  return recorded;
}

/** The /v1 operations. Inputs arrive parsed by the route's schemas; auth and idempotency ran before. */
export function createV1Handlers(services: SandboxServices): Record<ApiRouteName, Handler> {
  const needTerminal = (input: HandlerInput): TerminalRow => {
    if (!input.terminal) throw new ApiHttpError('unauthenticated', 'This operation needs an API key.');
    return input.terminal;
  };
  return {
    enroll: ({ body }) => {
      const { code, terminalName } = body as z.output<typeof API_ROUTES.enroll.body>;
      const outcome = services.tenants.enroll(code, terminalName);
      if (!outcome.ok) {
        const why = {
          unknown: 'is not known',
          used: 'was already used',
          expired: 'has expired',
          other_terminal: 'was issued for another terminal',
        }[outcome.reason];
        throw new ApiHttpError(
          'enrollment_code_invalid',
          `The enrollment code ${formatEnrollmentCode(code).slice(0, 4)}-… ${why}. Ask the back office for a new one.`,
        );
      }
      const { terminal, store, apiKey, scopes } = outcome;
      return {
        status: 201,
        body: { terminalId: terminal.id, store: storeBody(store), apiKey, eventSigningSecret: terminal.signing_secret, scopes },
      };
    },
    time: () => {
      const now = services.now();
      return { body: { now: now.toISOString(), unixMs: now.getTime() } };
    },
    store: (input) => {
      const store = services.tenants.store(needTerminal(input).store_id);
      if (!store) throw new ApiHttpError('not_found', 'No such store.');
      return { body: storeBody(store) };
    },
    catalog: (input) => {
      const { cursor, limit } = input.query as z.output<typeof API_ROUTES.catalog.query>;
      const storeId = needTerminal(input).store_id;
      const after = Number(cursor ?? 0);
      const page = pageOf<{ seq: number }>(
        [services.catalog.taxCategories(storeId, after, limit + 1), services.catalog.products(storeId, after, limit + 1)],
        after,
        limit,
      );
      const strip = <T extends { seq: number }>(rows: T[]) => rows.map(({ seq: _seq, ...row }) => row);
      const [taxCategories = [], products = []] = page.pages;
      return {
        body: { taxCategories: strip(taxCategories), products: strip(products), cursor: String(page.cursor), hasMore: page.hasMore },
      };
    },
    staff: (input) => {
      const { cursor, limit } = input.query as z.output<typeof API_ROUTES.staff.query>;
      const after = Number(cursor ?? 0);
      const page = pageOf([services.catalog.staff(needTerminal(input).store_id, after, limit + 1)], after, limit);
      return {
        body: { staff: (page.pages[0] ?? []).map(({ seq: _seq, ...row }) => row), cursor: String(page.cursor), hasMore: page.hasMore },
      };
    },
    createTransaction: (input) => {
      const outcome = recordOne(services, needTerminal(input), input.body as Envelope);
      if ('error' in outcome) throw outcome.error;
      return { status: outcome.status === 'created' ? 201 : 200, body: outcome.transaction };
    },
    transactionBatch: (input) => {
      const terminal = needTerminal(input);
      const { items } = input.body as { items: unknown[] };
      const record = services.db.transaction(() =>
        items.map((item, index) => {
          const parsed = transactionEnvelopeSchema.safeParse(item);
          const clientId = typeof (item as { clientId?: unknown })?.clientId === 'string' ? (item as { clientId: string }).clientId : null;
          const reject = (error: ApiHttpError) => ({
            index,
            status: 'rejected' as const,
            clientId: clientId && /^[0-9a-f-]{36}$/.test(clientId) ? clientId : null,
            error: { code: error.code, message: error.message },
          });
          if (!parsed.success) {
            const first = parsed.error.issues[0];
            return reject(
              new ApiHttpError(
                'invalid_request',
                `Item ${index} is not valid${first ? ` at ${first.path.join('.') || 'the top'}: ${first.message}` : ''}.`.slice(0, 500),
              ),
            );
          }
          const outcome = recordOne(services, terminal, parsed.data);
          return 'error' in outcome ? reject(outcome.error) : { index, status: outcome.status, transaction: outcome.transaction };
        }),
      );
      return { body: { results: record() } };
    },
    getTransaction: (input) => {
      const { clientId } = input.params as { clientId: string };
      const found = services.ledger.transaction(needTerminal(input).id, clientId);
      if (!found) throw new ApiHttpError('not_found', 'No transaction with this client id from this terminal.');
      return { body: found };
    },
    createPayment: (input) => {
      const terminal = needTerminal(input);
      const request = input.body as z.output<typeof API_ROUTES.createPayment.body>;
      const recorded = recordPaymentOf(services, terminal, request);
      if (!recorded) throw new ApiHttpError('conflict', PAYMENT_BLOCKED);
      const { created, payment } = recorded;
      if (payment.status === 'declined' && payment.declineCode) {
        throw new ApiHttpError(payment.declineCode, `The payment was declined (${payment.declineCode}).`, { paymentId: payment.id });
      }
      return { status: created ? 201 : 200, body: payment };
    },
    paymentBatch: (input) => {
      const terminal = needTerminal(input);
      const { items } = input.body as { items: unknown[] };
      const record = services.db.transaction(() =>
        items.map((item, index) => {
          const parsed = paymentRequestSchema.safeParse(item);
          const clientId = typeof (item as { clientId?: unknown })?.clientId === 'string' ? (item as { clientId: string }).clientId : null;
          const reject = (code: 'invalid_request' | 'conflict', message: string) => ({
            index,
            status: 'rejected' as const,
            clientId: clientId && /^[0-9a-f-]{36}$/.test(clientId) ? clientId : null,
            error: { code, message },
          });
          if (!parsed.success) {
            const first = parsed.error.issues[0];
            return reject(
              'invalid_request',
              `Item ${index} is not valid${first ? ` at ${first.path.join('.') || 'the top'}: ${first.message}` : ''}.`.slice(0, 500),
            );
          }
          const recorded = recordPaymentOf(services, terminal, parsed.data);
          if (!recorded) return reject('conflict', PAYMENT_BLOCKED);
          return { index, status: recorded.created ? ('created' as const) : ('duplicate' as const), payment: recorded.payment };
        }),
      );
      return { body: { results: record() } };
    },
    getPayment: (input) => {
      const { clientId } = input.params as { clientId: string };
      const found = services.ledger.payment(needTerminal(input).id, clientId);
      if (!found) throw new ApiHttpError('not_found', 'No payment with this client id from this terminal.');
      return { body: found };
    },
    reversePayment: (input) => {
      const { clientId } = input.params as { clientId: string };
      const { outcome, payment } = services.ledger.reversePayment(needTerminal(input).id, clientId);
      return { body: { clientId, outcome, payment, reversedAt: services.now().toISOString() } };
    },
    auditUpload: (input) => {
      const upload = input.body as z.output<typeof API_ROUTES.auditUpload.body>;
      const result = services.uploads.recordAudit(needTerminal(input).id, upload);
      return { status: 201, body: { ...result, headHash: upload.headHash } };
    },
    securityEvents: (input) => ({
      status: 201,
      body: services.uploads.recordSecurityEvents(needTerminal(input).id, input.body as z.output<typeof API_ROUTES.securityEvents.body>),
    }),
    upsertCustomer: (input) => ({
      status: 201,
      body: services.customers.upsert(needTerminal(input).store_id, input.body as z.output<typeof API_ROUTES.upsertCustomer.body>),
    }),
    eraseCustomer: (input) => {
      const { customerId } = input.params as { customerId: string };
      return {
        status: 201,
        body: services.customers.erase(
          needTerminal(input).store_id,
          customerId,
          input.body as z.output<typeof API_ROUTES.eraseCustomer.body>,
        ),
      };
    },
    sendReceiptEmail: (input) => {
      const terminal = needTerminal(input);
      const queued = services.customers.queueEmail(
        terminal.store_id,
        terminal.id,
        input.body as z.output<typeof API_ROUTES.sendReceiptEmail.body>,
      );
      if (!queued) throw new ApiHttpError('conflict', 'This customer was erased: no e-mail is sent.');
      return { status: 201, body: queued };
    },
    events: (input) => {
      const terminal = needTerminal(input);
      const { cursor, limit } = input.query as z.output<typeof API_ROUTES.events.query>;
      // A revoked terminal sees only what is addressed to it: enough to learn it was revoked.
      const page = terminal.revoked_at
        ? services.events.forTerminalOnly(terminal.id, Number(cursor ?? 0), limit)
        : services.events.forTerminal(terminal.store_id, terminal.id, Number(cursor ?? 0), limit);
      return { body: { events: page.events, cursor: String(page.cursor), hasMore: page.hasMore } };
    },
  };
}
