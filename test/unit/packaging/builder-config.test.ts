import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// electron-builder.yml against electron-builder's own schema (app-builder-lib/scheme.json), and the
// deployment rules the schema cannot express.
const root = path.resolve(import.meta.dirname, '../../..');
const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
const load = () => parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
const check = ajv.compile(schema);

function validate(config: unknown) {
  return { ok: check(config), errors: ajv.errorsText(check.errors) };
}

type Target = { target: string; arch?: string[] };
const targets = (list: unknown) => (list as (string | Target)[]).map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s schema', () => {
    const result = validate(load());
    expect(result.errors).toBe('No errors');
    expect(result.ok).toBe(true);
  });

  it('the schema check catches a misspelt or mistyped option', () => {
    expect(validate({ ...load(), asarr: true }).ok).toBe(false);
    expect(validate({ ...load(), nsis: { perMachine: 'yes' } }).ok).toBe(false);
  });

  it('builds every installer IT deploys', () => {
    const config = load() as Record<string, Record<string, unknown>>;
    expect(targets(config.win!.target)).toEqual(['nsis', 'msi']);
    expect(targets(config.mac!.target)).toEqual(['dmg', 'zip']);
    expect(targets(config.linux!.target)).toEqual(['deb', 'AppImage']);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false });
    expect(config.msi).toMatchObject({ perMachine: true });
    expect(config.msi!.upgradeCode).toMatch(/^[0-9a-f-]{36}$/);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist' });
    expect(config.win).toMatchObject({ verifyUpdateCodeSignature: true });
  });

  it('packs into an integrity-checked ASAR, unpacks and rebuilds native modules', () => {
    const config = load();
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('the deb installs Electron’s AppArmor profile (Ubuntu 24.04+), and nothing that ships turns the Chromium sandbox off', () => {
    const config = load() as Record<string, Record<string, unknown>>;
    // electron-builder's own after-install script is what installs the profile: it must not be replaced.
    expect(config.deb!.afterInstall).toBeUndefined();
    expect(config.linux!.appArmorProfile).toBeUndefined();
    const afterInstall = readFileSync(path.join(root, 'node_modules/app-builder-lib/templates/linux/after-install.tpl'), 'utf8');
    expect(afterInstall).toContain("APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'");
    expect(afterInstall).toContain('apparmor_parser --replace');
    const shipped = (dir: string): string[] =>
      readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? shipped(path.join(dir, e.name)) : [path.join(dir, e.name)],
      );
    const files = [
      ...shipped('electron'),
      ...shipped('build'),
      'electron-builder.yml',
      'package.json',
      'scripts/dist.mjs',
      'scripts/start.mjs',
    ];
    expect(files.filter((file) => readFileSync(path.join(root, file), 'utf8').includes('no-sandbox'))).toEqual([]);
  });

  it('carries no signing secret and points only at files that exist', () => {
    const text = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*(cscLink|cscKeyPassword|certificateFile|certificatePassword|appleIdPassword|password)\s*:/m);
    const config = load() as Record<string, Record<string, string>>;
    for (const file of [config.mac!.entitlements, config.mac!.entitlementsInherit, config.nsis!.include]) {
      expect(existsSync(path.join(root, file!)), file).toBe(true);
    }
  });
});
