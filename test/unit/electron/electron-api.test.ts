import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeElectron } from '../../support/fake-electron';
import { electronMemberUses, SHIPPED_PLATFORMS, type ElectronMemberUse } from '../../support/electron-usage';

// What electron.d.ts (the installed Electron 45's own definitions) says about every Electron member the
// main process uses, as TypeScript resolves each use: its @platform tag, and whether the fake that the
// main-edge tests load the edge against has it at all.
const root = path.resolve(import.meta.dirname, '../../..');
const mainDir = path.join(root, 'electron/main');
const show = (u: ElectronMemberUse) =>
  `${u.owner}.${u.member}${u.event ? `('${u.event}')` : ''} [${u.platforms?.join(',')}] at ${u.file}:${u.line}`;
const excludesShippedOs = (u: ElectronMemberUse) => u.platforms !== null && SHIPPED_PLATFORMS.some((os) => !u.platforms!.includes(os));

let uses: ElectronMemberUse[] = [];
beforeAll(() => {
  uses = electronMemberUses(mainDir);
}, 180_000);

describe('Electron members the main process uses', () => {
  it('sit behind a process.platform check wherever electron.d.ts leaves out Windows, macOS or Linux', () => {
    expect(uses.filter((u) => excludesShippedOs(u) && !u.guarded).map(show)).toEqual([]);
  });

  it('are read as TypeScript resolves them: the lock-screen event and the login item are macOS and Windows only', () => {
    const lock = uses.find((u) => u.owner === 'PowerMonitor' && u.event === 'lock-screen');
    expect(lock).toMatchObject({ platforms: ['darwin', 'win32'], guarded: true });
    expect(uses.find((u) => u.owner === 'App' && u.member === 'setLoginItemSettings')).toMatchObject({
      platforms: ['darwin', 'win32'],
      guarded: true,
    });
    expect(uses.find((u) => u.owner === 'PowerMonitor' && u.event === 'suspend')).toMatchObject({ platforms: null });
  });

  it('the fake electron of the main-edge tests has every one of them', () => {
    const electron = new FakeElectron();
    const module = electron.module();
    const window = new module.BrowserWindow();
    const fakes: Record<string, object[]> = {
      App: [module.app],
      AutoUpdater: [module.autoUpdater],
      BrowserWindow: [window],
      WebContents: [window.webContents, module.webContents],
      Dialog: [module.dialog],
      Menu: [module.Menu],
      PowerMonitor: [module.powerMonitor],
      Protocol: [module.protocol],
      Session: [module.session, module.session.defaultSession],
      IpcMain: [module.ipcMain],
      Screen: [module.screen],
      Display: [module.screen.getPrimaryDisplay()],
    };
    // Values Electron hands back (process.versions, a dialog's answer) are not part of the fake.
    const checked = uses.filter((u) => !['ProcessVersions', 'OpenDialogReturnValue', 'SaveDialogReturnValue'].includes(u.owner));
    expect(checked.length).toBeGreaterThan(30);
    expect(checked.filter((u) => !(fakes[u.owner] ?? []).some((fake) => u.member in fake)).map(show)).toEqual([]);
  });
});

describe('the platform check itself', () => {
  const dir = path.join(root, 'node_modules/.cache/nopos-electron-api-check');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('flags a macOS/Windows-only member used without a platform check, and passes it behind one', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'edge.ts'),
      [
        "import { app, powerMonitor } from 'electron';",
        "powerMonitor.on('lock-screen', () => undefined);",
        "if (process.platform !== 'linux') app.setLoginItemSettings({ openAtLogin: true });",
        '',
      ].join('\n'),
    );
    const found = electronMemberUses(dir).filter(excludesShippedOs);
    expect(found.map((u) => [u.member, u.event ?? null, u.guarded])).toEqual([
      ['on', 'lock-screen', false],
      ['setLoginItemSettings', null, true],
    ]);
  }, 180_000);
});
