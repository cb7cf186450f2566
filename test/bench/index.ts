import { mergeReports, type BenchSection } from './bench-kit';
import { cipherCostSection } from './cipher-cost-bench';
import { devicesSection } from './devices-bench';
import { memorySection } from './memory-bench';
import { pinHashSection } from './pin-hash-bench';
import { registerSection } from './register-bench';
import { storageSection } from './storage-bench';
import { syncSection } from './sync-bench';

// `npm run bench`: one JSON report, one module per section. A new section (register, sync …) is one
// more entry here; sections share the top-level `ratios`, `targets` and `withinTargets` groups.
const ALL: BenchSection[] = [
  pinHashSection,
  storageSection,
  cipherCostSection,
  memorySection,
  registerSection,
  syncSection,
  devicesSection,
];
// BENCH_SECTIONS=register,sync runs only those (names as the sections give them).
const only = process.env.BENCH_SECTIONS?.split(',').map((name) => name.trim());
const sections = only ? ALL.filter((section) => only.includes(section.name)) : ALL;

async function main(): Promise<void> {
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
