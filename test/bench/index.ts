import { mergeReports, type BenchSection } from './bench-kit';
import { cipherCostSection } from './cipher-cost-bench';
import { memorySection, SIGN_IN_PROBE_FLAG } from './memory-bench';
import { pinHashSection } from './pin-hash-bench';
import { signInProbe } from './sign-in-probe';
import { storageSection } from './storage-bench';

// `npm run bench`: one JSON report, one module per section. A new section (register, sync …) is one
// more entry here; sections share the top-level `ratios`, `targets` and `withinTargets` groups.
const sections: BenchSection[] = [pinHashSection, storageSection, cipherCostSection, memorySection];

async function main(): Promise<void> {
  if (process.argv.includes(SIGN_IN_PROBE_FLAG)) {
    process.stdout.write(`${JSON.stringify(await signInProbe())}\n`);
    return;
  }
  const reports = [];
  for (const section of sections) reports.push(await section.run());
  process.stdout.write(`${JSON.stringify(mergeReports(reports), null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
