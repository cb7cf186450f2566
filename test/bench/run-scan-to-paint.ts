// Runs the scan-to-paint benchmark alone: `npm run build && npx jiti test/bench/run-scan-to-paint.ts`.
import { scanToPaintBench } from './scan-to-paint-bench';

scanToPaintBench().then(
  (figures) => process.stdout.write(`${JSON.stringify({ register: figures }, null, 2)}\n`),
  (error: unknown) => {
    process.stderr.write(`scan-to-paint bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
