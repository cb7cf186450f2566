// `npm run dist`: builds the app and the installers for this OS (or --win / --mac / --linux) on a
// connected build machine. Signing material comes from the environment only (scripts/packaging/signing-plan.mjs).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { buildTargets, missingNativeMessage, missingNativePackages } from './packaging/native-packages.mjs';
import { platformOf, signingPlan } from './packaging/signing-plan.mjs';
import { signChannelFile, updatePublicKeyPem, updateSigningKey } from './packaging/update-signing.mjs';

const root = path.resolve(import.meta.dirname, '..');
const requested = process.argv.slice(2).find((arg) => ['--win', '--mac', '--linux'].includes(arg));
const platform = requested ? requested.slice(2) : platformOf(process.platform);
const plan = signingPlan(platform, process.env);

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Every architecture built must have its prebuilt native packages, or it ships a terminal that cannot start.
const builderConfig = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
const keyring = JSON.parse(readFileSync(path.join(root, 'node_modules/@napi-rs/keyring/package.json'), 'utf8'));
const missing = missingNativePackages(buildTargets(builderConfig, platform), [keyring], (name) =>
  existsSync(path.join(root, 'node_modules', name, 'package.json')),
);
if (missing.length > 0) {
  console.error(missingNativeMessage(missing));
  process.exit(1);
}

if (!plan.signed) {
  console.warn(`\n*** UNSIGNED ${platform} build: missing ${plan.missing.join('; ')}.`);
  console.warn('*** Its files are marked UNSIGNED. Do not deploy or publish it.\n');
}
// The Linux update key's public half is built into the app; a build without it takes no Linux update.
const updateKey =
  platform === 'linux' && process.env.NOPOS_UPDATE_SIGNING_KEY ? updateSigningKey(process.env.NOPOS_UPDATE_SIGNING_KEY) : null;
run('npm', ['run', 'build'], updateKey ? { NOPOS_UPDATE_PUBLIC_KEY: updatePublicKeyPem(updateKey) } : { NOPOS_UPDATE_PUBLIC_KEY: '' });
run('npx', ['electron-builder', '--config', 'electron-builder.yml', ...plan.args], plan.envOverrides);
// The SBOM of what the installer ships travels with it, inside SHA256SUMS.
run('npm', ['run', 'sbom']);

const out = path.join(root, 'release');
if (updateKey) console.log(`signed ${signChannelFile(path.join(out, 'latest-linux.yml'), updateKey)}`);
// Checksums of every artifact, for IT to verify what it copies to the update feed.
const artifacts = readdirSync(out).filter(
  (name) =>
    (/\.(exe|msi|dmg|zip|deb|AppImage|blockmap|yml|sig)$/.test(name) || name === 'sbom.cdx.json') &&
    statSync(path.join(out, name)).isFile(),
);
const sums = artifacts.map(
  (name) =>
    `${createHash('sha256')
      .update(readFileSync(path.join(out, name)))
      .digest('hex')}  ${name}`,
);
writeFileSync(path.join(out, 'SHA256SUMS'), `${sums.join('\n')}\n`);
if (platform === 'linux' && plan.signed) {
  run('gpg', ['--batch', '--yes', '--local-user', process.env.NOPOS_GPG_KEY_ID, '--armor', '--detach-sign', path.join(out, 'SHA256SUMS')]);
}
console.log(plan.signed ? `signed ${platform} build in release/` : `UNSIGNED ${platform} build in release/ (not for deployment)`);
