import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildTargets, missingNativeMessage, missingNativePackages } from '../../../scripts/packaging/native-packages.mjs';

// `npm run dist` refuses to build an architecture whose prebuilt native packages are not installed.
const root = path.resolve(import.meta.dirname, '../../..');
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const keyring = JSON.parse(readFileSync(path.join(root, 'node_modules/@napi-rs/keyring/package.json'), 'utf8')) as {
  name: string;
  optionalDependencies: Record<string, string>;
};
const installed = (name: string) => existsSync(path.join(root, 'node_modules', name, 'package.json'));

describe('native packages per build architecture', () => {
  it('reads the architectures electron-builder.yml builds', () => {
    expect(buildTargets(config, 'mac')).toEqual([
      { os: 'darwin', arch: 'x64' },
      { os: 'darwin', arch: 'arm64' },
    ]);
    expect(buildTargets(config, 'win')).toEqual([{ os: 'win32', arch: 'x64' }]);
    expect(buildTargets(config, 'linux')).toEqual([{ os: 'linux', arch: 'x64' }]);
  });

  it('names the keychain module each macOS architecture lacks on this machine, with the command that adds it', () => {
    const missing = missingNativePackages(buildTargets(config, 'mac'), [keyring], installed);
    expect(missing).toEqual([
      { target: 'darwin-x64', name: '@napi-rs/keyring-darwin-x64', version: '2.1.2' },
      { target: 'darwin-arm64', name: '@napi-rs/keyring-darwin-arm64', version: '2.1.2' },
    ]);
    expect(missingNativeMessage(missing)).toContain(
      'npm install --no-save --force @napi-rs/keyring-darwin-x64@2.1.2 @napi-rs/keyring-darwin-arm64@2.1.2',
    );
  });

  it('finds nothing missing for this machine’s own Linux x64 build, and everything once installed', () => {
    expect(missingNativePackages(buildTargets(config, 'linux'), [keyring], installed)).toEqual([]);
    expect(missingNativePackages(buildTargets(config, 'mac'), [keyring], () => true)).toEqual([]);
  });

  it('reports an architecture nobody publishes the module for', () => {
    expect(missingNativePackages([{ os: 'linux', arch: 'mips' }], [keyring], () => true)).toEqual([
      { target: 'linux-mips', name: '@napi-rs/keyring-linux-mips-gnu', version: 'none published' },
    ]);
  });
});
