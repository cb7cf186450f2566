import { StartupError } from '../errors/startup-error';

export class DatabaseKeyMissingError extends StartupError {
  constructor(filePath: string) {
    super(
      'Database key missing',
      `The terminal's database exists at ${filePath}, but its key is not in the system keychain. ` +
        'Nothing was changed. To recover: restore the keychain (or the user profile) from the backup taken with this terminal, ' +
        'or ask NoPOS support to re-enrol the terminal; unsynced sales in this file can then be recovered by support. ' +
        'Do not delete the file.',
    );
  }
}

export class DatabaseKeyWrongError extends StartupError {
  constructor(filePath: string) {
    super(
      'Database key does not match',
      `The key in the system keychain does not open the terminal's database at ${filePath}. Nothing was changed. ` +
        'This happens when the keychain was replaced or restored from another machine. To recover: restore the matching ' +
        'keychain entry "NoPOS Terminal / database-key", or contact NoPOS support. Do not delete the file.',
    );
  }
}

export class DatabaseTooNewError extends StartupError {
  constructor(filePath: string, found: number, supported: number) {
    super(
      'Database is from a newer version',
      `The database at ${filePath} was written by a newer NoPOS Terminal (schema ${found}; this version knows up to ${supported}). ` +
        'Nothing was changed. Install the newer version again; do not downgrade a terminal that holds unsynced sales.',
    );
  }
}

export class DatabaseCorruptError extends StartupError {
  constructor(filePath: string) {
    super(
      'Database cannot be read',
      `The terminal's database at ${filePath} failed its integrity check. Nothing was changed. Contact NoPOS support before doing anything else.`,
    );
  }
}

export class DatabaseIncompleteError extends StartupError {
  constructor(filePath: string) {
    super(
      'Database file missing',
      `The terminal's database ${filePath} is missing, but its journal or write-ahead log is still there and may hold unsynced sales. ` +
        'Nothing was changed. Restore the database file from backup, or contact NoPOS support. Do not delete the remaining files.',
    );
  }
}
