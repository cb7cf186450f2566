import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import {
  MARKER_FILE,
  markerText,
  readUnsyncedMarker,
  UnsyncedMarker,
  type UnsyncedSummary,
} from '../../../electron/main/deploy/unsynced-marker';
import { tempDir } from '../../support/storage';

// The uninstall guard: the marker the terminal writes, the deb prerm script that reads it (run for
// real under sh and bash), and the NSIS include (NSIS cannot run here: its text is checked).
const root = path.resolve(import.meta.dirname, '../../..');
const scratch = tempDir('uninstall-guard');
afterAll(() => scratch.cleanup());
const at = new Date('2030-05-01T10:00:00.000Z');

describe('unsynced marker', () => {
  it('says how many items wait, the oldest and the last export, and nothing else', () => {
    const text = markerText({ unsynced: 3, oldestAt: '2030-04-30T08:00:00.000Z', lastExportAt: null }, at);
    expect(text.split('\n').filter((l) => l.includes('='))).toEqual([
      'unsynced=3',
      'oldest=2030-04-30T08:00:00.000Z',
      'last_export=',
      `updated=${at.toISOString()}`,
    ]);
    expect(text).toContain('[nopos]');
  });

  it('is written when the summary changes, atomically, readable by everyone, and read back', () => {
    const file = path.join(scratch.dir, 'data', MARKER_FILE);
    let summary: UnsyncedSummary = { unsynced: 0, oldestAt: null, lastExportAt: null };
    let clock = at;
    const marker = new UnsyncedMarker({ file, summary: () => summary, now: () => clock, log: () => undefined });
    marker.refresh();
    expect(readUnsyncedMarker(file)).toEqual({ unsynced: 0, oldestAt: null, lastExportAt: null, updatedAt: at.toISOString() });
    expect(statSync(file).mode & 0o777).toBe(0o644);
    // Same summary: not rewritten (the time stays).
    clock = new Date(at.getTime() + 60_000);
    marker.refresh();
    expect(readUnsyncedMarker(file)?.updatedAt).toBe(at.toISOString());
    summary = { unsynced: 2, oldestAt: '2030-05-01T09:00:00.000Z', lastExportAt: '2030-05-01T09:30:00.000Z' };
    marker.refresh();
    expect(readUnsyncedMarker(file)).toEqual({ ...summary, updatedAt: clock.toISOString() });
  });

  it('logs a write failure and keeps going; a closing storage leaves the marker as it was', () => {
    const blocker = path.join(scratch.dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const log = vi.fn();
    new UnsyncedMarker({
      file: path.join(blocker, MARKER_FILE),
      summary: () => ({ unsynced: 1, oldestAt: null, lastExportAt: null }),
      now: () => at,
      log,
    }).refresh();
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ event: 'unsynced_marker.write_failed' }));
    const file = path.join(scratch.dir, 'closing', MARKER_FILE);
    new UnsyncedMarker({
      file,
      summary: () => {
        throw new TypeError('The database connection is not open');
      },
      now: () => at,
      log,
    }).refresh();
    expect(readUnsyncedMarker(file)).toBeNull();
  });
});

const PRERM = path.join(root, 'build', 'linux', 'prerm.sh');

function home(name: string, marker?: string): string {
  const dir = path.join(scratch.dir, 'homes', name);
  mkdirSync(path.join(dir, '.config', 'NoPOS Terminal'), { recursive: true });
  if (marker !== undefined) writeFileSync(path.join(dir, '.config', 'NoPOS Terminal', MARKER_FILE), marker);
  return dir;
}

function prerm(shell: string, homes: string[], args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(shell, [PRERM, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NOPOS_TERMINAL_HOMES: homes.join(':'), ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr };
}

describe.each(['sh', 'bash'])('deb prerm under %s', (shell) => {
  const waiting = home(`waiting-${shell}`, markerText({ unsynced: 4, oldestAt: '2030-04-30T08:00:00.000Z', lastExportAt: null }, at));
  const clean = home(`clean-${shell}`, markerText({ unsynced: 0, oldestAt: null, lastExportAt: null }, at));
  const none = home(`none-${shell}`);

  it('refuses removal while a marker says items wait, and says how to export and how to force', () => {
    const result = prerm(shell, [clean, waiting, none], ['remove']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('NOT removed');
    expect(result.stderr).toContain('4 waiting');
    expect(result.stderr).toContain('Settings -> Export unsynced items');
    expect(result.stderr).toContain('NOPOS_FORCE_UNINSTALL=1');
    expect(prerm(shell, [waiting], ['purge']).status).toBe(1);
  });

  it('lets removal through when forced, when nothing waits, or for an upgrade', () => {
    const forced = prerm(shell, [waiting], ['remove'], { NOPOS_FORCE_UNINSTALL: '1' });
    expect(forced.status).toBe(0);
    expect(forced.stderr).toContain('removing although items still wait');
    expect(prerm(shell, [waiting], ['remove'], { NOPOS_FORCE_UNINSTALL: 'yes' }).status).toBe(1);
    expect(prerm(shell, [clean, none], ['remove'])).toEqual({ status: 0, stderr: '' });
    expect(prerm(shell, [waiting], ['upgrade', '1.3.0']).status).toBe(0);
    expect(prerm(shell, [waiting], ['deconfigure']).status).toBe(0);
  });

  it('finds markers in home folders with spaces, and ignores a marker it cannot read a count from', () => {
    const spaced = home(`with space ${shell}`, '[nopos]\nunsynced=12\n');
    const garbled = home(`garbled-${shell}`, '[nopos]\nunsynced=lots\n');
    expect(prerm(shell, [spaced], ['remove']).status).toBe(1);
    expect(prerm(shell, [garbled], ['remove']).status).toBe(0);
  });
});

describe('packaging of the guard', () => {
  it('the deb runs the prerm script before removal, and the script is executable', () => {
    const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { deb: { fpm: string[] } };
    expect(config.deb.fpm).toContain('--before-remove=build/linux/prerm.sh');
    expect(statSync(PRERM).mode & 0o111).not.toBe(0);
  });

  it('the NSIS uninstaller checks every profile’s marker, refuses without /FORCE, and never refuses an update', () => {
    const nsh = readFileSync(path.join(root, 'build', 'installer.nsh'), 'utf8');
    const macro = nsh.slice(nsh.indexOf('!macro customUnInit'), nsh.indexOf('!macroend', nsh.indexOf('!macro customUnInit')));
    expect(macro).not.toBe('');
    // Where the terminal writes it: %APPDATA%\<productName>\<marker>, in each profile.
    const productName = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { productName: string }).productName;
    expect(macro).toContain(`AppData\\Roaming\\${productName}\\${MARKER_FILE}`);
    expect(macro).toContain('ProfilesDirectory');
    expect(macro).toContain('ReadINIStr $R8 $R7 "nopos" "unsynced"');
    expect(macro).toContain('${GetOptions} $R0 "--updated" $R1');
    expect(macro).toContain('${GetOptions} $R0 "/FORCE" $R1');
    expect(macro).toContain('Settings -> Export unsynced items');
    expect(macro).toMatch(/SetErrorLevel 4\s+Quit/);
    // Every LogicLib block is closed (a cheap stand-in for makensis).
    const count = (re: RegExp) => (macro.match(re) ?? []).length;
    expect(count(/\$\{If(Not)?\}/g)).toBe(count(/\$\{EndIf\}/g));
    expect(count(/\$\{DoWhile\}/g)).toBe(count(/\$\{Loop\}/g));
  });
});
