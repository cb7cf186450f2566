import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { amountMinorSchema, currencySchema } from '../../shared/api/common';
import { apiScopeSchema } from '../../shared/api/scopes';
import { BACK_OFFICE_CSS, BACK_OFFICE_HTML, BACK_OFFICE_SCRIPT } from '../back-office/page';
import { faultConfigSchema } from '../faults';
import type { SandboxServices } from '../services';
import { formatEnrollmentCode } from '../store/ids';
import { ApiHttpError, parseOr400 } from './api-error';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
export const ADMIN_TOKEN_HEADER = 'x-sandbox-admin';

const storeBody = z.object({ name: z.string().trim().min(1).max(100), currency: currencySchema }).strict();
const storeChangeBody = z
  .object({ name: z.string().trim().min(1).max(100).optional(), address: z.string().trim().max(300).optional() })
  .strict();
const codeBody = z
  .object({
    storeId: z.string().max(40).optional(),
    scopes: z.array(apiScopeSchema).min(1).optional(),
    ttlMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    /** Only an enrollment naming this terminal may use the code. */
    terminalName: z.string().trim().min(1).max(60).optional(),
  })
  .strict();
const priceBody = z.object({ priceMinor: amountMinorSchema.refine((n) => n >= 0, 'not negative') }).strict();
const staffBody = z
  .object({ storeId: z.string().max(40), name: z.string().trim().min(1).max(60), role: z.enum(['cashier', 'manager', 'admin']) })
  .strict();
const declineBody = z.object({ declineCode: z.enum(['card_declined', 'insufficient_funds']).default('card_declined') }).strict();
const idParams = z.object({ id: z.string().regex(/^[a-z]{3}_[a-z2-7]{16}$/) }).strict();

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The back office and the admin API behind it: loopback callers with the per-run admin token only.
 * The token travels in a header the page sets from its URL fragment, so no other site can drive it.
 */
export function registerAdmin(app: FastifyInstance, services: SandboxServices, tokenOk: (given: string) => boolean): void {
  const guard = async (request: FastifyRequest) => {
    const token = request.headers[ADMIN_TOKEN_HEADER];
    if (!LOOPBACK.has(request.ip)) throw new ApiHttpError('forbidden', 'The admin API answers loopback callers only.');
    if (typeof token !== 'string' || !tokenOk(token))
      throw new ApiHttpError('unauthenticated', 'Open the back-office URL the sandbox printed.');
  };
  const page = (type: string, body: string) => async (_request: FastifyRequest, reply: import('fastify').FastifyReply) =>
    reply.type(type).header('content-security-policy', CSP).header('cache-control', 'no-store').send(body);
  app.get('/back-office', page('text/html; charset=utf-8', BACK_OFFICE_HTML));
  app.get('/back-office/app.js', page('text/javascript; charset=utf-8', BACK_OFFICE_SCRIPT));
  app.get('/back-office/style.css', page('text/css; charset=utf-8', BACK_OFFICE_CSS));

  app.register(async (admin) => {
    admin.addHook('onRequest', guard);
    admin.get('/admin/state', async () => snapshot(services));
    admin.post('/admin/stores', async (request, reply) => {
      const { name, currency } = parseOr400(storeBody, request.body, 'body');
      return reply.code(201).send(services.createStore(name, currency));
    });
    admin.patch('/admin/stores/:id', async (request) => {
      const { id } = parseOr400(idParams, request.params, 'path');
      if (!services.updateStore(id, parseOr400(storeChangeBody, request.body, 'body')))
        throw new ApiHttpError('not_found', 'No such store.');
      return { ok: true };
    });
    admin.post('/admin/enrollment-codes', async (request, reply) => {
      const body = parseOr400(codeBody, request.body ?? {}, 'body');
      const storeId = body.storeId ?? services.defaultStore().id;
      if (!services.tenants.store(storeId)) throw new ApiHttpError('not_found', 'No such store.');
      const row = services.createEnrollmentCode(
        storeId,
        body.scopes,
        body.ttlMinutes ? body.ttlMinutes * 60_000 : undefined,
        body.terminalName,
      );
      return reply
        .code(201)
        .send({ code: formatEnrollmentCode(row.code), storeId, expiresAt: row.expires_at, scopes: JSON.parse(row.scopes) });
    });
    admin.post('/admin/products/:id/price', async (request) => {
      const { id } = parseOr400(idParams, request.params, 'path');
      if (!services.changePrice(id, parseOr400(priceBody, request.body, 'body').priceMinor))
        throw new ApiHttpError('not_found', 'No such product.');
      return { ok: true };
    });
    admin.post('/admin/staff', async (request, reply) => {
      const body = parseOr400(staffBody, request.body, 'body');
      if (!services.tenants.store(body.storeId)) throw new ApiHttpError('not_found', 'No such store.');
      return reply.code(201).send({ id: services.addStaff(body.storeId, body.name, body.role) });
    });
    admin.post('/admin/payments/:id/decline', async (request) => {
      const { id } = parseOr400(idParams, request.params, 'path');
      if (!services.declineAfterForward(id, parseOr400(declineBody, request.body ?? {}, 'body').declineCode)) {
        throw new ApiHttpError('not_found', 'No approved payment with this id.');
      }
      return { ok: true };
    });
    admin.post('/admin/terminals/:id/revoke', async (request) => {
      const { id } = parseOr400(idParams, request.params, 'path');
      if (!services.revokeTerminal(id)) throw new ApiHttpError('not_found', 'No active terminal with this id.');
      return { ok: true };
    });
    admin.get('/admin/faults', async () => ({ config: services.faults.current(), counts: services.faults.counts }));
    admin.put('/admin/faults', async (request) => ({
      config: services.faults.configure(parseOr400(faultConfigSchema, request.body ?? {}, 'body')),
    }));
  });
}

function snapshot(services: SandboxServices) {
  return {
    stores: services.tenants.stores().map((store) => ({ ...store, products: services.catalog.products(store.id) })),
    terminals: services.tenants.terminals().map(({ signing_secret: _secret, ...terminal }) => ({
      ...terminal,
      scopes: JSON.parse(terminal.scopes),
      transactions: services.ledger.countTransactions(terminal.id),
    })),
    enrollmentCodes: services.tenants
      .codes()
      .map((row) => ({ ...row, code: formatEnrollmentCode(row.code), scopes: JSON.parse(row.scopes) })),
    transactions: services.ledger.recentTransactions(),
    payments: services.ledger.recentPayments(),
    customers: services.customers.recentCustomers(),
    receiptEmails: services.customers.recentEmails().map(({ html: _html, ...email }) => email),
    events: services.events.recent().map((row) => ({ ...row, data: JSON.parse(row.data) })),
    faults: { config: services.faults.current(), counts: services.faults.counts },
  };
}
