import type { FastifyRequest } from 'fastify';
import { API_ROUTES } from '../../shared/api';
import { apiKeySchema } from '../../shared/api/scopes';
import type { SandboxServices } from '../services';
import { hashApiKey } from '../store/ids';
import { bearerToken } from './auth';

/**
 * Whose budget a request spends. Enrollment always counts against the caller's address (it has no
 * key yet, so a bearer token there is noise); other routes count against the API key when it is one
 * the sandbox issued, else against the address too, so inventing tokens never buys more attempts.
 */
export function rateLimitKey(request: FastifyRequest, services: SandboxServices): string {
  if (request.routeOptions.url === API_ROUTES.enroll.path) return `enroll:${request.ip}`;
  const token = bearerToken(request);
  if (token && apiKeySchema.safeParse(token).success && services.tenants.terminalByApiKey(token)) return `key:${hashApiKey(token)}`;
  return `ip:${request.ip}`;
}

interface Window {
  current: number;
  startMs: number;
}

type Done = (error: Error | null, result: { current: number; ttl: number }) => void;

/**
 * @fastify/rate-limit gives each route its own store, which made the budget per key *per route*. This
 * store is one for every route (`child` returns itself), so a key's budget is spent by all its calls,
 * as documented. Fixed windows, like the plugin's own store.
 */
export class SharedWindowStore {
  private readonly windows = new Map<string, Window>();

  incr(key: string, done: Done, timeWindow: number): void {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.startMs + timeWindow <= now) {
      window = { current: 0, startMs: now };
      this.windows.set(key, window);
    }
    window.current++;
    this.sweep(now, timeWindow);
    done(null, { current: window.current, ttl: window.startMs + timeWindow - now });
  }

  read(key: string, done: Done, timeWindow: number): void {
    const now = Date.now();
    const window = this.windows.get(key);
    const live = window && window.startMs + timeWindow > now;
    done(null, { current: live ? window.current : 0, ttl: live ? window.startMs + timeWindow - now : timeWindow });
  }

  child(): SharedWindowStore {
    return this;
  }

  /** Keeps memory bounded by forgetting windows long past. */
  private sweep(now: number, timeWindow: number): void {
    if (this.windows.size < 10_000) return;
    for (const [key, window] of this.windows) if (window.startMs + timeWindow <= now) this.windows.delete(key);
  }
}
