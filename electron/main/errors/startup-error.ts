// A registry-wide symbol, so the check holds even across separately loaded copies of this module.
const STARTUP_ERROR = Symbol.for('nopos.startup-error');

/**
 * A failure that stops the terminal at start-up. `title` and `message` are shown to a person as
 * they are (a dialog in Electron, stderr in the browser host): they say what happened and what to
 * do, and never carry a key or a value that was read.
 */
export class StartupError extends Error {
  readonly [STARTUP_ERROR] = true;

  constructor(
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  static is(error: unknown): error is StartupError {
    return error instanceof Error && (error as Partial<Record<typeof STARTUP_ERROR, boolean>>)[STARTUP_ERROR] === true;
  }
}
