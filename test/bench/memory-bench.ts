import { execFile } from 'node:child_process';
import type { BenchSection } from './bench-kit';
import { PROBES_BUNDLE, SIGN_IN_PROBE_FLAG } from './probe-flags';
import { SIGN_INS, type SignInProbeResult } from './sign-in-probe';

/**
 * Resident memory after SIGN_INS sign-ins, measured in a fresh child process (the probes bundle,
 * with SIGN_IN_PROBE_FLAG) so nothing the other sections allocated or loaded counts. `rssAfterSignInsMb` is
 * what the process keeps once idle; the figure at the instant of the last sign-in is printed beside it.
 */
export const memorySection: BenchSection = {
  name: 'memory',
  async run() {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [PROBES_BUNDLE, SIGN_IN_PROBE_FLAG], { timeout: 120_000 }, (error, out) =>
        error ? reject(error) : resolve(out),
      ),
    );
    const probe = JSON.parse(stdout) as SignInProbeResult;
    const targetMb = 100;
    return {
      memory: { signIns: SIGN_INS, ...probe, targetMb },
      targets: { rssAfterSignInsMb: targetMb },
      withinTargets: { rssAfterSignInsMb: probe.rssAfterSignInsMb < targetMb },
    };
  },
};
