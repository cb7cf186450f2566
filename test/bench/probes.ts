import { REGISTER_MEMORY_PROBE_FLAG, SIGN_IN_PROBE_FLAG } from './probe-flags';
import { registerMemoryProbe } from './register-memory-probe';
import { signInProbe } from './sign-in-probe';

// The child processes of the memory figures: `node dist/bench-probes/index.cjs <flag> …` prints one JSON line.
async function main(): Promise<unknown> {
  const [flag, ...rest] = process.argv.slice(2);
  if (flag === SIGN_IN_PROBE_FLAG) return signInProbe();
  if (flag === REGISTER_MEMORY_PROBE_FLAG) return registerMemoryProbe(rest[0] ?? '', rest[1] ?? '{}');
  throw new Error(`unknown probe ${String(flag)}`);
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`probe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
