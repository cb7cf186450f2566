import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FAULT_MODES, type FaultConfig, type FaultMode } from './faults';
import type { SandboxOptions } from './server';

export const DEFAULT_PORT = 7443;

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.NOPOS_SANDBOX_DIR ?? path.join(env.XDG_DATA_HOME ?? path.join(homedir(), '.local', 'share'), 'nopos-sandbox');
}

export const USAGE = `npm run sandbox -- [options]
  --data-dir DIR       state, CA and logs (default $NOPOS_SANDBOX_DIR or ~/.local/share/nopos-sandbox)
  --port N             HTTPS port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --reset              wipe the state (stores, terminals, transactions) before starting
  --rate-limit N       requests per window per API key (default 100)
  --rate-window S      rate-limit window in seconds (default 900)
  --faults LIST        fault modes, comma separated: ${FAULT_MODES.join(', ')}
  --fault-rate R       share of /v1 requests that get a fault, 0..1 (default 0)
  --fault-seed N       seed, so a run repeats (default 1)
  --fault-burst N      500/503 faults repeat for N requests (default 1)
  --latency MIN-MAX    added latency in ms, e.g. 50-200
  --offline            start with every /v1 request dropped (switch back in the back office)`;

export class UsageError extends Error {}

/** Command-line flags to sandbox options; throws UsageError naming the bad flag. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): SandboxOptions & { help: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      reset: { type: 'boolean' },
      help: { type: 'boolean' },
      'rate-limit': { type: 'string' },
      'rate-window': { type: 'string' },
      faults: { type: 'string' },
      'fault-rate': { type: 'string' },
      'fault-seed': { type: 'string' },
      'fault-burst': { type: 'string' },
      latency: { type: 'string' },
      offline: { type: 'boolean' },
    },
  });
  const int = (flag: string, text: string | undefined, min: number, max: number) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const faults: Partial<FaultConfig> = {};
  if (values.faults) {
    const modes = values.faults.split(',').map((m) => m.trim());
    const bad = modes.find((m) => !(FAULT_MODES as readonly string[]).includes(m));
    if (bad) throw new UsageError(`--faults: unknown mode "${bad}"`);
    faults.modes = modes as FaultMode[];
  }
  if (values['fault-rate'] !== undefined) {
    const rate = Number(values['fault-rate']);
    if (!(rate >= 0 && rate <= 1)) throw new UsageError('--fault-rate must be between 0 and 1');
    faults.rate = rate;
  }
  const seed = int('fault-seed', values['fault-seed'], 0, 2 ** 32 - 1);
  if (seed !== undefined) faults.seed = seed;
  const burst = int('fault-burst', values['fault-burst'], 1, 100);
  if (burst !== undefined) faults.burst = burst;
  if (values.latency) {
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(values.latency);
    if (!match || Number(match[2] ?? match[1]) < Number(match[1])) throw new UsageError('--latency must be MS or MIN-MAX');
    faults.latencyMs = [Number(match[1]), Number(match[2] ?? match[1])];
  }
  if (values.offline) faults.offline = true;
  const max = int('rate-limit', values['rate-limit'], 1, 1_000_000);
  const windowS = int('rate-window', values['rate-window'], 1, 86_400);
  return {
    help: values.help ?? false,
    dataDir: path.resolve(values['data-dir'] ?? defaultDataDir(env)),
    port: int('port', values.port ?? env.NOPOS_SANDBOX_PORT, 0, 65_535) ?? DEFAULT_PORT,
    reset: values.reset ?? false,
    rateLimit: { ...(max ? { max } : {}), ...(windowS ? { windowMs: windowS * 1000 } : {}) },
    faults,
  };
}
