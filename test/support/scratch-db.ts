import path from 'node:path';
import type { Db } from '../../electron/main/storage/db';
import { openEncryptedDatabase } from '../../electron/main/storage/encrypted-database';
import { memoryKeychain } from './memory-keychain';
import { tempDir } from './storage';

/** A real SQLCipher database in a temp folder, keyed from an in-memory keychain (unit tests). */
export async function scratchDatabase(): Promise<{ db: Db; file: string; cleanup: () => void }> {
  const scratch = tempDir('unit-db');
  const file = path.join(scratch.dir, 'terminal.db');
  const db = await openEncryptedDatabase(file, memoryKeychain());
  return {
    db,
    file,
    cleanup: () => {
      if (db.open) db.close();
      scratch.cleanup();
    },
  };
}
