import { describe, expect, it } from 'vitest';
import { ApiClientError, type ApiFailure } from '../../../electron/main/api-client/api-errors';
import { apiPaymentGateway } from '../../../electron/main/payments/api-payment-gateway';
import { Reachability } from '../../../electron/main/api-client/reachability';
import type { PaymentRecord, PaymentRequest } from '../../../shared/api/payments';
import { AppError } from '../../../shared/ipc/errors';

const request: PaymentRequest = {
  clientId: '01936d5e-0000-7000-8000-00000000b001',
  transactionClientId: '01936d5e-0000-7000-8000-00000000b002',
  amountMinor: 500,
  currency: 'EUR',
  paymentToken: 'tok_test_approve',
  capturedAt: '2026-11-29T10:00:00.000Z',
  offline: false,
  card: { brand: 'visa', last4: '4242', entryMode: 'chip' },
};
const record = (over: Partial<PaymentRecord> = {}): PaymentRecord => {
  const { paymentToken: _token, ...rest } = request;
  return {
    ...rest,
    id: 'pay_0123456789abcdef',
    terminalId: 'trm_0123456789abcdef',
    status: 'approved',
    declineCode: null,
    receivedAt: request.capturedAt,
    ...over,
  } as PaymentRecord;
};
const http = (status: number, code: string | null): ApiFailure => ({
  kind: 'http',
  status,
  code: code as never,
  message: 'x',
  retryAfterMs: null,
});

function gateway(answer: () => Promise<PaymentRecord>, enrolled = true, reachability = new Reachability()) {
  const sent: { body: string; key: string }[] = [];
  const logged: Record<string, unknown>[] = [];
  const g = apiPaymentGateway({
    api: {
      createPayment: (body, key) => (sent.push({ body, key }), answer()),
      findPayment: () => Promise.reject(new Error('not asked here')),
      reversePayment: () => Promise.reject(new Error('not asked here')),
    },
    enrolled: () => enrolled,
    knownDown: () => reachability.knownDown(),
    log: (entry) => logged.push(entry),
  });
  return { g, sent, logged };
}
const failing = (failure: ApiFailure) => () => Promise.reject(new ApiClientError(failure));

describe('the NoPOS API payment gateway', () => {
  // Regression (issue 15, item 17): a prefer_online payment waited the full connect timeout while the
  // API was already known to be down.
  it('does not ask the API while it is known to be down, and asks again once it answered', async () => {
    const reachability = new Reachability();
    const { g, sent, logged } = gateway(() => Promise.resolve(record()), true, reachability);
    expect(await g.authorize(request)).toEqual({ outcome: 'approved', serverId: expect.any(String) }); // nothing known yet: it asks
    reachability.unreachable();
    reachability.unreachable();
    expect(await g.authorize(request)).toEqual({ outcome: 'offline' });
    expect(sent).toHaveLength(1);
    expect(logged).toEqual([{ event: 'payments.authorize_skipped', reason: 'api_known_down' }]);
    reachability.answered();
    expect(await g.authorize(request)).toEqual({ outcome: 'approved', serverId: expect.any(String) });
    expect(sent).toHaveLength(2);
  });

  it('sends the request as JSON with its client id as the idempotency key; approved is approved', async () => {
    const { g, sent } = gateway(() => Promise.resolve(record()));
    expect(await g.authorize(request)).toEqual({ outcome: 'approved', serverId: 'pay_0123456789abcdef' });
    expect(sent).toEqual([{ body: JSON.stringify(request), key: request.clientId }]);
  });

  it('a 402 is the decline with its code; a replayed declined record is a decline too', async () => {
    for (const code of ['card_declined', 'insufficient_funds', 'processing_error']) {
      expect(await gateway(failing(http(402, code))).g.authorize(request)).toEqual({ outcome: 'declined', code });
    }
    expect(
      await gateway(() => Promise.resolve(record({ status: 'declined', declineCode: 'insufficient_funds' }))).g.authorize(request),
    ).toEqual({ outcome: 'declined', code: 'insufficient_funds' });
  });

  it('no link, timeouts, 5xx, 429, refused credentials and a wrong answer are offline, and logged without details', async () => {
    const failures: ApiFailure[] = [
      { kind: 'network', cause: 'ECONNRESET' },
      { kind: 'timeout', phase: 'response' },
      { kind: 'timeout', phase: 'connect' },
      http(503, 'unavailable'),
      http(429, 'rate_limited'),
      { kind: 'credentials_rejected', status: 401, code: 'unauthenticated' },
      { kind: 'malformed', what: 'createPayment: status' },
    ];
    for (const failure of failures) {
      const { g, logged } = gateway(failing(failure));
      // Only a connection never made proves the API cannot have approved it.
      const neverLeft = failure.kind === 'timeout' && failure.phase === 'connect';
      expect(await g.authorize(request), failure.kind).toEqual({ outcome: 'offline', mayHaveReached: !neverLeft });
      expect(JSON.stringify(logged)).not.toContain('tok_');
    }
    expect(await gateway(() => Promise.resolve(record({ clientId: '01936d5e-0000-7000-8000-00000000ffff' }))).g.authorize(request)).toEqual(
      { outcome: 'offline', mayHaveReached: true },
    );
    expect(await gateway(failing({ kind: 'network', cause: 'ECONNREFUSED' })).g.authorize(request)).toEqual({
      outcome: 'offline',
      mayHaveReached: false,
    });
  });

  it('a request the API refuses as wrong is an error for staff, never stored for forwarding', async () => {
    await expect(gateway(failing(http(400, 'invalid_request'))).g.authorize(request)).rejects.toBeInstanceOf(AppError);
    await expect(gateway(failing(http(422, 'idempotency_key_reused'))).g.authorize(request)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('asks nothing before the terminal is enrolled', async () => {
    const { g, sent } = gateway(() => Promise.resolve(record()), false);
    expect(await g.authorize(request)).toEqual({ outcome: 'offline', mayHaveReached: false });
    expect(sent).toEqual([]);
  });
});
