import type { FaultMode } from '../faults';
import type { TerminalRow } from '../store/tenants';

/** What the /v1 hooks learn about a request on its way to the handler. */
export interface RequestState {
  fault: FaultMode | null;
  latencyMs: number;
  terminal: TerminalRow | null;
  /** Set when this request owns an idempotency key: called once with the result to keep. */
  releaseIdempotency: ((result?: { status: number; body: string }) => void) | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    sandbox: RequestState;
  }
}

export const freshState = (): RequestState => ({ fault: null, latencyMs: 0, terminal: null, releaseIdempotency: null });
