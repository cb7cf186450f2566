// `npm run deps:check` (part of `npm test`): the lockfile and license policy, offline. Reads only
// package-lock.json and node_modules; no registry or advisory service is asked anything.
//   --lockfile <file>   check another lockfile (tests hand in broken ones)
//   --no-licenses       lockfile only
//   --tree <dir>        read licenses from another project's node_modules (tests hand in bad ones)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ALLOWED_HOSTS, REFUSED_LICENSES, SHIPPED_LICENSES } from './dependencies/policy.mjs';

const root = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const lockfile = argv.includes('--lockfile') ? path.resolve(argv[argv.indexOf('--lockfile') + 1]) : path.join(root, 'package-lock.json');
const tree = argv.includes('--tree') ? path.resolve(argv[argv.indexOf('--tree') + 1]) : root;
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const problems = [];

function run(label, command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, npm_config_offline: 'true', NO_COLOR: '1' },
  });
  if (result.status !== 0) problems.push(`${label}:\n${(result.stdout + result.stderr).trim()}`);
}

// lockfile-lint: registry host only, https only, sha512 integrity, names matching their URLs.
run('lockfile-lint', bin('lockfile-lint'), [
  '--path',
  lockfile,
  '--type',
  'npm',
  '--allowed-hosts',
  ...ALLOWED_HOSTS,
  '--validate-https',
  '--validate-integrity',
  '--validate-package-names',
  '--empty-hostname',
  'false',
]);

// lockfile-lint checks the URLs and hashes it finds. npm may leave registry URLs out of the lockfile
// (omit-lockfile-registry-resolved): such an entry is fetched from the configured registry, so it
// must still name a registry version and carry its sha512 hash; a git, file or tarball source never.
const lock = JSON.parse(readFileSync(lockfile, 'utf8'));
for (const [where, entry] of Object.entries(lock.packages ?? {})) {
  if (where === '' || entry.link) continue;
  if (!entry.integrity?.startsWith('sha512-')) problems.push(`${where}: no sha512 integrity hash in the lockfile`);
  if (!/^\d+\.\d+\.\d+(?:[-+][\w.+-]+)?$/.test(entry.version ?? ''))
    problems.push(`${where}: not a registry version (${entry.version ?? 'none'})`);
}

if (!argv.includes('--no-licenses')) {
  run('licenses (shipped)', bin('license-checker-rseidelsohn'), [
    '--start',
    tree,
    '--production',
    '--excludePrivatePackages',
    '--onlyAllow',
    SHIPPED_LICENSES.join(';'),
    '--summary',
  ]);
  run('licenses (all)', bin('license-checker-rseidelsohn'), [
    '--start',
    tree,
    '--excludePrivatePackages',
    '--failOn',
    REFUSED_LICENSES.join(';'),
    '--summary',
  ]);
}

if (problems.length) {
  console.error(`Dependency policy: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(
  `Dependency policy: ${Object.keys(lock.packages ?? {}).length - 1} locked packages from ${ALLOWED_HOSTS.join(', ')} over https with integrity${argv.includes('--no-licenses') ? '' : '; licenses allowed'}.`,
);
