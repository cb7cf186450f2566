import { AppError } from '../../../shared/ipc/errors';

/**
 * Runs one device's jobs one after another, off every caller's critical path: a caller that does
 * not await the job loses nothing, and a job that hangs is ended by its own timeouts. The queue is
 * bounded, so a dead printer cannot pile up work in memory.
 */
export class DeviceQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly limit = 20) {}

  get busy(): boolean {
    return this.pending > 0;
  }

  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  run<T>(job: () => Promise<T>): Promise<T> {
    if (this.pending >= this.limit)
      return Promise.reject(new AppError('unavailable', 'The printer has too much waiting: check it, then try again.'));
    this.pending += 1;
    const result = this.tail.then(job);
    this.tail = result
      .catch(() => undefined)
      .finally(() => {
        this.pending -= 1;
      });
    return result;
  }
}
