// `npm run dist`: builds the app and the installers for this OS (or --win / --mac / --linux) on a
// connected build machine. Signing material comes from the environment only (scripts/packaging/signing-plan.mjs).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { platformOf, signingPlan } from './packaging/signing-plan.mjs';

const root = path.resolve(import.meta.dirname, '..');
const requested = process.argv.slice(2).find((arg) => ['--win', '--mac', '--linux'].includes(arg));
const platform = requested ? requested.slice(2) : platformOf(process.platform);
const plan = signingPlan(platform, process.env);

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!plan.signed) {
  console.warn(`\n*** UNSIGNED ${platform} build: missing ${plan.missing.join('; ')}.`);
  console.warn('*** Its files are marked UNSIGNED. Do not deploy or publish it.\n');
}
run('npm', ['run', 'build']);
run('npx', ['electron-builder', '--config', 'electron-builder.yml', ...plan.args], plan.envOverrides);
// The SBOM of what the installer ships travels with it, inside SHA256SUMS.
run('npm', ['run', 'sbom']);

// Checksums of every artifact, for IT to verify what it copies to the update feed.
const out = path.join(root, 'release');
const artifacts = readdirSync(out).filter((name) => (/\.(exe|msi|dmg|zip|deb|AppImage|blockmap|yml)$/.test(name) || name === 'sbom.cdx.json') && statSync(path.join(out, name)).isFile());
const sums = artifacts.map((name) => `${createHash('sha256').update(readFileSync(path.join(out, name))).digest('hex')}  ${name}`);
writeFileSync(path.join(out, 'SHA256SUMS'), `${sums.join('\n')}\n`);
if (platform === 'linux' && plan.signed) {
  run('gpg', ['--batch', '--yes', '--local-user', process.env.NOPOS_GPG_KEY_ID, '--armor', '--detach-sign', path.join(out, 'SHA256SUMS')]);
}
console.log(plan.signed ? `signed ${platform} build in release/` : `UNSIGNED ${platform} build in release/ (not for deployment)`);
