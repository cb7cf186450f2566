// Which Node this checkout wants, checked before `npm ci` (.ci/run). Usage: node scripts/check-node.mjs [version]
// CLEAN: every package in package-lock.json accepts it, so `npm ci` installs without an engine warning
// (electron, @electron/get, node-abi and @axe-core/playwright want 22.12+, a nested eslint-visitor-keys
// ^22.13 or 24+, better-sqlite3-multiple-ciphers 12.x at most 26). WORKS: the oldest Node that builds and
// passes `npm test` (vite and rolldown need 20.19); below it nothing works, so that alone fails.
export const CLEAN = {
  text: '22.13+ (22 LTS) or 24 to 26',
  accepts: (v) => (v.major === 22 && v.minor >= 13) || (v.major >= 24 && v.major <= 26),
};
export const WORKS = { text: '20.19', accepts: (v) => v.major > 20 || (v.major === 20 && v.minor >= 19) };

export function checkNode(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  const v = { major, minor };
  if (!WORKS.accepts(v)) {
    return {
      ok: false,
      message: `Node ${version} is too old for NoPOS Terminal: use Node ${CLEAN.text} (at the very least ${WORKS.text}).`,
    };
  }
  if (!CLEAN.accepts(v)) {
    return {
      ok: true,
      message:
        `Node ${version}: NoPOS Terminal builds and its tests pass, but npm ci warns (EBADENGINE) because ` +
        `electron's tooling wants a newer Node. Node ${CLEAN.text} installs cleanly.`,
    };
  }
  return { ok: true, message: null };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ok, message } = checkNode(process.argv[2] ?? process.version);
  if (message) process.stderr.write(`${ok ? 'note' : 'error'}: ${message}\n`);
  process.exit(ok ? 0 : 1);
}
