// The prebuilt native packages each installer's architecture needs. npm installs only the host's
// (@napi-rs/keyring-<os>-<arch>… is an optional dependency limited to its os and cpu), so a macOS build
// for x64 and arm64 on one Mac would ship a keychain module the other architecture cannot load, and the
// terminal would refuse to start there. better-sqlite3 is not listed: electron-builder rebuilds it per arch.

const OS_OF = { win: 'win32', mac: 'darwin', linux: 'linux' };
/** The C library / ABI suffix of the package built for Electron's platform (none on macOS). */
const ABI_SUFFIX = { win32: '-msvc', darwin: '', linux: '-gnu' };

/**
 * The architectures electron-builder.yml builds for a platform (electron-builder's default: x64).
 * @param {Record<string, any>} config electron-builder.yml, parsed
 * @param {'win' | 'mac' | 'linux'} platform
 */
export function buildTargets(config, platform) {
  const targets = config[platform]?.target ?? [];
  const archs = new Set(targets.flatMap((target) => (typeof target === 'string' || !target.arch ? ['x64'] : target.arch)));
  return [...archs].map((arch) => ({ os: OS_OF[platform], arch }));
}

/**
 * @param {{ os: string, arch: string }[]} targets
 * @param {{ name: string, optionalDependencies: Record<string, string> }[]} nativePackages packages with per-platform builds
 * @param {(name: string) => boolean} isInstalled
 * @returns {{ target: string, name: string, version: string }[]}
 */
export function missingNativePackages(targets, nativePackages, isInstalled) {
  const missing = [];
  for (const { os, arch } of targets) {
    for (const pkg of nativePackages) {
      const name = `${pkg.name}-${os}-${arch}${ABI_SUFFIX[os] ?? ''}`;
      const version = pkg.optionalDependencies[name];
      if (!version) {
        missing.push({ target: `${os}-${arch}`, name, version: 'none published' });
      } else if (!isInstalled(name)) {
        missing.push({ target: `${os}-${arch}`, name, version });
      }
    }
  }
  return missing;
}

/** What to tell the person running `npm run dist`. */
export function missingNativeMessage(missing) {
  const lines = missing.map(({ target, name, version }) => `  ${target}: ${name}@${version}`);
  const install = missing.filter((m) => m.version !== 'none published').map((m) => `${m.name}@${m.version}`);
  return [
    'This build targets an architecture whose native packages are not installed (npm installs only this machine’s):',
    ...lines,
    ...(install.length > 0 ? [`Install them for this build: npm install --no-save --force ${install.join(' ')}`] : []),
    'or build that architecture on a machine of its own. Without them the terminal would not start there.',
  ].join('\n');
}
