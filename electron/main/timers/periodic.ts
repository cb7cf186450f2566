/**
 * Runs `work` now and then every `everyMs` (unref'd: it never keeps the process alive); a failure is
 * reported and the next run still comes. Returns the stop function.
 */
export function startPeriodic(work: () => void, everyMs: number, onError: (error: unknown) => void): () => void {
  const run = () => {
    try {
      work();
    } catch (error) {
      onError(error);
    }
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
