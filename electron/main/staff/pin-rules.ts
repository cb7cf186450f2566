/** Why a PIN someone chose is refused, in words for the person choosing it. */
export type PinProblem = 'length' | 'digits' | 'repeated' | 'sequence' | 'previous';

export const PIN_PROBLEM_MESSAGES: Record<PinProblem, string> = {
  length: 'The PIN must have the number of digits your store requires.',
  digits: 'A PIN is digits only.',
  repeated: 'A PIN cannot be one digit repeated.',
  sequence: 'A PIN cannot be a run of digits such as 123456 or 654321.',
  previous: 'Choose a PIN different from the previous one.',
};

/** Straight runs up or down, wrapping 9→0 (e.g. 7890123): the first guesses of anyone at the till. */
function isSequence(pin: string): boolean {
  const step = (i: number) => (Number(pin[i + 1]) - Number(pin[i]) + 10) % 10;
  const first = step(0);
  if (first !== 1 && first !== 9) return false;
  for (let i = 1; i < pin.length - 1; i++) if (step(i) !== first) return false;
  return true;
}

/** Checks a newly chosen PIN. `isPrevious` compares against the stored previous hash. */
export async function checkNewPin(
  pin: string,
  requiredLength: number,
  isPrevious: (pin: string) => Promise<boolean>,
): Promise<PinProblem | null> {
  if (!/^\d+$/.test(pin)) return 'digits';
  if (pin.length !== requiredLength) return 'length';
  if (/^(\d)\1+$/.test(pin)) return 'repeated';
  if (isSequence(pin)) return 'sequence';
  if (await isPrevious(pin)) return 'previous';
  return null;
}
