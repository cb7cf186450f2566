import type { ScaleSettings } from '../../../../shared/domain/devices';
import { DeviceQueue } from '../device-queue';
import { DeviceIoError, type DeviceLink } from '../links/printer-link';
import type { SerialLine } from '../links/serial-link';
import { SCALE_PROTOCOLS, type ScaleProtocol, type ScaleReading } from './scale-protocols';

export type ScaleProblem = 'not_set_up' | 'unstable' | 'overload' | 'negative' | 'empty' | 'no_answer' | 'disconnected' | 'unreadable';
export type WeighOutcome = { ok: true; grams: number } | { ok: false; problem: ScaleProblem; message: string };

export function scaleMessage(problem: ScaleProblem, settings: Pick<ScaleSettings, 'maxGrams'>): string {
  switch (problem) {
    case 'not_set_up':
      return 'No scale is set up on this terminal.';
    case 'unstable':
      return 'The scale is not steady: let the item rest, then weigh again.';
    case 'overload':
      return `Too heavy for the scale (it weighs up to ${settings.maxGrams / 1000} kg).`;
    case 'negative':
      return 'The scale reads below zero: empty it and press Zero.';
    case 'empty':
      return 'Nothing is on the scale: put the item on it, then weigh.';
    case 'no_answer':
      return 'The scale did not answer: check that it is on and its cable is in.';
    case 'disconnected':
      return 'The scale was disconnected while weighing: check its cable.';
    case 'unreadable':
      return 'The scale’s answer could not be read: check its protocol and line settings (kg or g).';
  }
}

export interface ScaleTimeouts {
  openMs: number;
  answerMs: number;
  /** How long an unsteady reading is asked again before giving up. */
  settleMs: number;
  /** Between two asks while unsteady. */
  retryMs: number;
}
export const DEFAULT_SCALE_TIMEOUTS: ScaleTimeouts = { openMs: 1_500, answerMs: 1_000, settleMs: 3_000, retryMs: 250 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * A serial scale. Only a steady, positive weight within the scale's capacity is a weight; every
 * other answer is a named problem. Each job opens the port, asks, and closes it, one at a time.
 */
export class SerialScale {
  private readonly queue = new DeviceQueue(3);
  private lastAsk = 0;

  constructor(
    private readonly deps: {
      settings: () => ScaleSettings;
      openLink: (line: SerialLine, timeoutMs: number) => Promise<DeviceLink>;
      timeouts?: ScaleTimeouts;
    },
  ) {}

  private get timeouts(): ScaleTimeouts {
    return this.deps.timeouts ?? DEFAULT_SCALE_TIMEOUTS;
  }

  private fail(problem: ScaleProblem): WeighOutcome {
    return { ok: false, problem, message: scaleMessage(problem, this.deps.settings()) };
  }

  private async withScale(use: (link: DeviceLink, protocol: ScaleProtocol) => Promise<WeighOutcome>): Promise<WeighOutcome> {
    const settings = this.deps.settings();
    if (settings.kind !== 'serial' || !settings.serialPath) return this.fail('not_set_up');
    const protocol = SCALE_PROTOCOLS[settings.protocol];
    return this.queue.run(async () => {
      let link: DeviceLink;
      try {
        link = await this.deps.openLink(
          {
            path: settings.serialPath,
            baudRate: settings.baudRate,
            dataBits: settings.dataBits,
            parity: settings.parity,
            stopBits: settings.stopBits,
          },
          this.timeouts.openMs,
        );
      } catch (error) {
        return this.fail(error instanceof DeviceIoError && error.fault === 'disconnected' ? 'disconnected' : 'no_answer');
      }
      try {
        return await use(link, protocol);
      } finally {
        link.close();
      }
    });
  }

  private async ask(link: DeviceLink, protocol: ScaleProtocol, request: Uint8Array): Promise<ScaleReading | 'no_answer' | 'disconnected'> {
    const wait = this.lastAsk + protocol.minIntervalMs - Date.now();
    if (wait > 0) await sleep(wait);
    this.lastAsk = Date.now();
    const frame = await link.exchange(request, protocol.end, this.timeouts.answerMs);
    if (frame === null) return link.alive() ? 'no_answer' : 'disconnected';
    return protocol.parse(Buffer.from(frame).toString('latin1'));
  }

  /** Asks until the weight is steady (or the settle time is up) and checks it against the capacity. */
  weigh(): Promise<WeighOutcome> {
    return this.withScale(async (link, protocol) => {
      const until = Date.now() + this.timeouts.settleMs;
      for (;;) {
        const reading = await this.ask(link, protocol, protocol.weigh);
        if (reading === 'no_answer' || reading === 'disconnected') return this.fail(reading);
        if (reading.kind === 'stable') {
          if (reading.grams <= 0) return this.fail('empty');
          if (reading.grams > this.deps.settings().maxGrams) return this.fail('overload');
          return { ok: true, grams: reading.grams };
        }
        if (reading.kind !== 'unstable' || Date.now() + this.timeouts.retryMs > until) return this.fail(reading.kind);
        await sleep(this.timeouts.retryMs);
      }
    });
  }

  /** Zero or tare. Not every scale answers these, so only a closed port counts as a failure. */
  command(which: 'zero' | 'tare'): Promise<WeighOutcome> {
    return this.withScale(async (link, protocol) => {
      const reading = await this.ask(link, protocol, which === 'zero' ? protocol.zero : protocol.tare);
      return reading === 'disconnected' ? this.fail(reading) : { ok: true, grams: 0 };
    });
  }
}
