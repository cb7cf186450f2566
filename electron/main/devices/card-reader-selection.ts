import { AppError } from '../../../shared/ipc/errors';
import { guardedReader, type CardReader } from './card-reader';
import { SimulatedCardReader } from './simulated-card-reader';

/** A hardware driver for one platform (none ships yet: each arrives with its certified reader). */
export interface CardReaderDriver {
  platforms: readonly NodeJS.Platform[];
  create(): CardReader;
}

export interface SelectedCardReader {
  reader: CardReader;
  /** Present when the simulated reader was chosen: the page's dev-only test-card control drives it. */
  simulated: SimulatedCardReader | null;
}

/**
 * Picks the reader for this platform behind the one interface, the way Bitwarden's desktop picks its
 * OS biometrics: a registered driver for the platform, otherwise the simulated reader. Whichever is
 * chosen is wrapped so that no answer reaches the app unchecked.
 */
export function selectCardReader(
  platform: NodeJS.Platform,
  drivers: readonly CardReaderDriver[] = [],
  options: { simulatedAllowed?: boolean } = {},
): SelectedCardReader {
  const driver = drivers.find((d) => d.platforms.includes(platform));
  if (driver) return { reader: guardedReader(driver.create()), simulated: null };
  // An installed terminal never takes test cards: without a driver it has no card tender at all.
  if (options.simulatedAllowed === false) return { reader: NO_READER, simulated: null };
  const simulated = new SimulatedCardReader();
  return { reader: guardedReader(simulated), simulated };
}

const NO_READER: CardReader = {
  kind: 'hardware',
  name: 'No card reader',
  read: () => Promise.reject(new AppError('unavailable', 'No card reader is connected to this terminal: take cash, or call IT.')),
};
