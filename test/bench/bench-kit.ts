/** What every section of `npm run bench` shares. A section returns its part of the JSON report. */
export type BenchReport = Record<string, unknown>;

export interface BenchSection {
  name: string;
  run(): Promise<BenchReport>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Round n starts at configuration n: drift on a shared machine hits every configuration alike. */
export function rotated<T>(items: readonly T[], round: number): T[] {
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Sections share top-level groups (`ratios`, `targets`, `withinTargets`): merge them one level deep. */
export function mergeReports(reports: BenchReport[]): BenchReport {
  const merged: BenchReport = {};
  for (const report of reports) {
    for (const [key, value] of Object.entries(report)) {
      const existing = merged[key];
      const isGroup = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
      merged[key] = isGroup(existing) && isGroup(value) ? { ...existing, ...value } : value;
    }
  }
  return merged;
}
