import { z } from 'zod';

/**
 * Fault injection for /v1 (never the back office or admin routes). Each request draws from a
 * seeded generator, so a run with the same seed and request order repeats exactly.
 *  latency      every /v1 request waits (after its idempotency key is claimed, like slow processing)
 *  drop         the connection closes before the request is handled (nothing stored)
 *  reset        the request is handled and committed, then the connection is cut mid-response
 *  http500/503  an error before the request is handled; a hit repeats for `burst` requests
 *  http429      a rate-limit refusal with Retry-After
 *  bad_signature / stale_timestamp   the events feed is signed with a wrong secret / a 10-minute-old t
 *  offline      every /v1 request is dropped until switched off
 */
export const FAULT_MODES = ['drop', 'reset', 'http500', 'http503', 'http429', 'bad_signature', 'stale_timestamp'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];
const SIGNATURE_FAULTS: readonly FaultMode[] = ['bad_signature', 'stale_timestamp'];

export const faultConfigSchema = z
  .object({
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
    rate: z.number().min(0).max(1).default(0),
    modes: z.array(z.enum(FAULT_MODES)).default([]),
    burst: z.number().int().min(1).max(100).default(1),
    latencyMs: z
      .tuple([z.number().int().min(0).max(60_000), z.number().int().min(0).max(60_000)])
      .refine(([a, b]) => a <= b, 'min ≤ max')
      .default([0, 0]),
    offline: z.boolean().default(false),
    /** Retry-After on injected 429/503 answers; tests set 0 to keep fault runs fast. */
    retryAfterSeconds: z.number().int().min(0).max(60).default(1),
  })
  .strict();
export type FaultConfig = z.output<typeof faultConfigSchema>;

export interface FaultDecision {
  latencyMs: number;
  fault: FaultMode | null;
}

/** mulberry32: tiny, fast, and good enough to spread faults; not for anything secret. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class FaultInjector {
  private config: FaultConfig = faultConfigSchema.parse({});
  private random = generator(1);
  private burstLeft = 0;
  private burstMode: FaultMode | null = null;
  readonly counts: Partial<Record<FaultMode | 'offline', number>> = {};

  constructor(initial: Partial<FaultConfig> = {}) {
    this.configure(initial);
  }

  /** Replaces the whole configuration and restarts the generator from its seed. */
  configure(input: unknown): FaultConfig {
    this.config = faultConfigSchema.parse(input);
    this.random = generator(this.config.seed);
    this.burstLeft = 0;
    return this.config;
  }

  current(): FaultConfig {
    return this.config;
  }

  get offline(): boolean {
    return this.config.offline;
  }

  /** Decides one /v1 request's fate; `signed` says whether its response carries a signature. */
  decide(signed: boolean): FaultDecision {
    const [min, max] = this.config.latencyMs;
    const latencyMs = max > 0 ? min + Math.floor(this.random() * (max - min + 1)) : 0;
    if (this.config.offline) return this.count({ latencyMs, fault: 'drop' }, 'offline');
    if (this.burstLeft > 0 && this.burstMode) {
      this.burstLeft -= 1;
      return this.count({ latencyMs, fault: this.burstMode });
    }
    const eligible = this.config.modes.filter((mode) => signed || !SIGNATURE_FAULTS.includes(mode));
    if (eligible.length === 0 || this.random() >= this.config.rate) return { latencyMs, fault: null };
    const fault = eligible[Math.floor(this.random() * eligible.length)] ?? null;
    if (!fault) return { latencyMs, fault: null };
    if ((fault === 'http500' || fault === 'http503') && this.config.burst > 1) {
      this.burstMode = fault;
      this.burstLeft = this.config.burst - 1;
    }
    return this.count({ latencyMs, fault });
  }

  private count(decision: FaultDecision, as?: 'offline'): FaultDecision {
    const key = as ?? decision.fault;
    if (key) this.counts[key] = (this.counts[key] ?? 0) + 1;
    return decision;
  }
}
