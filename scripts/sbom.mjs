// `npm run sbom`: the CycloneDX SBOM of what the installer ships (production dependencies), for the
// release artefacts (PCI DSS 6.3.2: an inventory of components). Offline: it reads node_modules.
//   node scripts/sbom.mjs [output file]   (default release/sbom.cdx.json)
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'release', 'sbom.cdx.json'));
mkdirSync(path.dirname(out), { recursive: true });
const result = spawnSync(
  path.join(root, 'node_modules', '.bin', 'cyclonedx-npm'),
  [
    '--omit',
    'dev',
    '--output-format',
    'JSON',
    '--output-reproducible',
    '--spec-version',
    '1.6',
    '--output-file',
    out,
    path.join(root, 'package.json'),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, npm_config_offline: 'true' } },
);
if (result.status !== 0) process.exit(result.status ?? 1);
console.log(`wrote ${path.relative(root, out)}`);
