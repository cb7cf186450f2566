import type { FastifyRequest } from 'fastify';
import { apiKeySchema, type ApiScope } from '../../shared/api/scopes';
import type { Tenants, TerminalRow } from '../store/tenants';
import { ApiHttpError } from './api-error';

/** The bearer token, if the header has the documented shape; anything else counts as missing. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([!-~]{1,200})$/.exec(header) : null;
  return match?.[1] ?? null;
}

/**
 * 401 for a missing, malformed, unknown or revoked key; 403 for a key without the scope. A revoked
 * key may still read its own events feed (`allowRevoked`), so the terminal learns it was revoked.
 */
export function authenticate(request: FastifyRequest, tenants: Tenants, scope: ApiScope, allowRevoked = false): TerminalRow {
  const token = bearerToken(request);
  if (!token) throw new ApiHttpError('unauthenticated', 'Send the API key as `Authorization: Bearer sk_test_…`.');
  const terminal = apiKeySchema.safeParse(token).success ? tenants.terminalByApiKey(token) : undefined;
  if (!terminal) throw new ApiHttpError('unauthenticated', 'This API key is not known.');
  if (terminal.revoked_at && !allowRevoked) throw new ApiHttpError('unauthenticated', 'This API key was revoked.');
  if (!(JSON.parse(terminal.scopes) as ApiScope[]).includes(scope)) {
    throw new ApiHttpError('forbidden', `This API key lacks the scope ${scope}.`);
  }
  return terminal;
}
