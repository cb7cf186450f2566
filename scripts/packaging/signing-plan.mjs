// Decides, from the build machine's environment only, whether a build can be signed, and what
// electron-builder is told. An unsigned build is never published and says so in its file names.

const has = (env, name) => typeof env[name] === 'string' && env[name].trim() !== '';

/** What each platform needs; any one alternative (all of its names set) is enough. */
const REQUIREMENTS = {
  win: { sign: [['WIN_CSC_LINK'], ['CSC_LINK']] },
  mac: {
    sign: [['CSC_LINK'], ['CSC_NAME']],
    notarize: [
      ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
      ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
      ['APPLE_KEYCHAIN_PROFILE'],
    ],
  },
  // Linux packages are not code-signed by electron-builder: the release's SHA256SUMS is signed with GPG,
  // and latest-linux.yml with the update key whose public half is built into the app (update-signing.mjs).
  linux: { sign: [['NOPOS_GPG_KEY_ID']], updates: [['NOPOS_UPDATE_SIGNING_KEY']] },
};

const satisfied = (env, alternatives) => alternatives.some((names) => names.every((name) => has(env, name)));
const describe = (alternatives) => alternatives.map((names) => names.join(' + ')).join(' or ');

export const UNSIGNED_MARK = 'UNSIGNED';

/**
 * @param {'win' | 'mac' | 'linux'} platform
 * @param {Record<string, string | undefined>} env
 */
export function signingPlan(platform, env) {
  const req = REQUIREMENTS[platform];
  if (!req) throw new Error(`unknown platform ${platform}`);
  const missing = [];
  if (!satisfied(env, req.sign)) missing.push(describe(req.sign));
  if (req.notarize && !satisfied(env, req.notarize)) missing.push(describe(req.notarize));
  if (req.updates && !satisfied(env, req.updates)) missing.push(describe(req.updates));
  const signed = missing.length === 0;
  // Never published from here: IT copies a signed release/ to its feed (docs/deploying.md).
  const args = [`--${platform}`, '--publish', 'never'];
  if (signed && platform === 'mac') args.push('--config.mac.notarize=true');
  if (!signed) {
    args.push(
      `--config.artifactName=NoPOS-Terminal-\${version}-\${os}-\${arch}-${UNSIGNED_MARK}.\${ext}`,
      `--config.nsis.artifactName=NoPOS-Terminal-Setup-\${version}-\${arch}-${UNSIGNED_MARK}.\${ext}`,
    );
    if (platform === 'mac') args.push('--config.mac.identity=null');
  }
  // Never let electron-builder pick some identity it happens to find in a keychain.
  const envOverrides = signed ? {} : { CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
  return { platform, signed, missing, args, envOverrides };
}

/** @param {NodeJS.Platform} os */
export function platformOf(os) {
  return os === 'win32' ? 'win' : os === 'darwin' ? 'mac' : 'linux';
}
