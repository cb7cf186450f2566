// The dependency policy `npm test` enforces (scripts/check-dependencies.mjs); docs/compliance/dependencies.md says why.

/** Where packages may come from: the npm registry, over https, nothing else. */
export const ALLOWED_HOSTS = ['registry.npmjs.org'];

/** Licenses a package shipped in the installer (a production dependency) may carry. */
export const SHIPPED_LICENSES = [
  'MIT',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'Python-2.0',
  '(MIT OR WTFPL)',
  '(BSD-2-Clause OR MIT OR Apache-2.0)',
  '(MIT OR CC0-1.0)',
];

/** Licenses no package may carry, build tools included. */
export const REFUSED_LICENSES = [
  'GPL-2.0',
  'GPL-3.0',
  'AGPL-3.0',
  'LGPL-2.1',
  'LGPL-3.0',
  'SSPL-1.0',
  'GPL-2.0-only',
  'GPL-3.0-only',
  'AGPL-3.0-only',
];
