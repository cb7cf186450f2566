import { spawn } from 'node:child_process';
import { mergeReports, type BenchReport, type BenchSection } from './bench-kit';
import { cipherCostSection } from './cipher-cost-bench';
import { devicesSection } from './devices-bench';
import { memorySection } from './memory-bench';
import { pinHashSection } from './pin-hash-bench';
import { registerSection } from './register-bench';
import { SCAN_DRIVER_FLAG, scanDriverMain } from './scan-driver';
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
// Set for the process that runs one section.
const SECTION_CHILD = 'BENCH_SECTION_CHILD';

/**
 * Each section runs in a fresh process, as a terminal's main process starts: what one section left
 * in the heap (a 100,000-product catalog, a synced backlog) must not be collected during the next
 * one's timings, so a section measures the same alone and in a full run.
 */
function runSectionInChild(section: BenchSection): Promise<BenchReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!], {
      env: { ...process.env, BENCH_SECTIONS: section.name, [SECTION_CHILD]: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bench section ${section.name} exited with ${String(code)}`));
      try {
        resolve(JSON.parse(out) as BenchReport);
      } catch (error) {
        reject(new Error(`bench section ${section.name} printed no report`, { cause: error }));
      }
    });
  });
}

async function main(): Promise<void> {
  const reports = [];
  if (process.env[SECTION_CHILD]) {
    for (const section of sections) reports.push(await section.run());
  } else {
    for (const section of sections) reports.push(await runSectionInChild(section));
  }
  process.stdout.write(`${JSON.stringify(mergeReports(reports), null, 2)}\n`);
}

// The scan driver (scan-driver.ts) is this bundle too, forked with its flag; it exits when it is done.
if (process.argv.includes(SCAN_DRIVER_FLAG)) scanDriverMain();
else
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
