import type Database from 'better-sqlite3-multiple-ciphers';

/** The open, keyed, migrated database handle every repository takes as a dependency. */
export type Db = Database.Database;
