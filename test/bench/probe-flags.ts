import path from 'node:path';

// Memory is measured in a fresh process that loads only the terminal's own code: the probes bundle
// (test/bench/probes.ts → dist/bench-probes/index.cjs), never the bench with its browser harness.
export const SIGN_IN_PROBE_FLAG = '--probe=sign-ins';
export const REGISTER_MEMORY_PROBE_FLAG = '--probe=register-memory';
export const PROBES_BUNDLE = path.resolve(path.dirname(process.argv[1] ?? '.'), '..', 'bench-probes', 'index.cjs');
