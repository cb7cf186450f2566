import { afterEach, describe, expect, it } from 'vitest';
import { memoryKeychain } from '../../support/memory-keychain';
import { insertStaff, staffDirectory } from '../../support/storage';
import { terminalFixture, type TerminalFixture } from '../../support/terminal-fixture';

// Issue 14: storage keeps infrastructure (database, keys, logs, settings); the staff area builds its
// own repository and PIN hasher from the database and the PIN key.

let t: TerminalFixture;
afterEach(() => t.close());

describe('the staff directory', () => {
  it("is the staff area's: storage holds only the PIN key, the pepper the keychain keeps", async () => {
    const keychain = memoryKeychain();
    t = await terminalFixture({ keychain });
    expect(t.storage).not.toHaveProperty('staff');
    expect(t.storage).not.toHaveProperty('pinHasher');
    expect(t.storage.pinKey.pepper).toBe(await keychain.get('pin-pepper'));
  });

  it('opened again over the same database and key, holds the same staff and verifies the same PINs', async () => {
    t = await terminalFixture();
    await insertStaff(t.storage, { id: 'st_directory000', name: 'Dee', role: 'cashier' }, '482913');
    expect(t.core.staff.repository.get('st_directory000')?.name).toBe('Dee');
    expect((await t.core.session.signIn('st_directory000', '482913')).outcome).toBe('signed_in');
    const again = staffDirectory(t.storage);
    const stored = again.repository.get('st_directory000')?.pinHash ?? '';
    expect(await again.hasher.verify('482913', stored)).toBe(true);
    expect(await again.hasher.verify('482914', stored)).toBe(false);
  });
});
