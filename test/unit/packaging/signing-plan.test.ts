import { describe, expect, it } from 'vitest';
import { signingPlan, UNSIGNED_MARK } from '../../../scripts/packaging/signing-plan.mjs';

describe('dist signing plan (from the environment only)', () => {
  it('marks a build without signing material UNSIGNED in its file names and never publishes', () => {
    for (const platform of ['win', 'mac', 'linux'] as const) {
      const plan = signingPlan(platform, {});
      expect(plan.signed).toBe(false);
      expect(plan.args).toEqual(expect.arrayContaining(['--publish', 'never']));
      expect(plan.args.filter((arg) => arg.includes('artifactName')).every((arg) => arg.includes(`-${UNSIGNED_MARK}.`))).toBe(true);
      expect(plan.args.some((arg) => arg.includes('artifactName'))).toBe(true);
      expect(plan.envOverrides).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
    }
  });

  it('signs Windows with a certificate from the environment', () => {
    const plan = signingPlan('win', { WIN_CSC_LINK: 'base64…', WIN_CSC_KEY_PASSWORD: 'x' });
    expect(plan.signed).toBe(true);
    expect(plan.args.join(' ')).not.toContain(UNSIGNED_MARK);
    expect(plan.args).toEqual(['--win', '--publish', 'never']);
  });

  it('needs both a signing identity and notarization credentials on macOS', () => {
    expect(signingPlan('mac', { CSC_LINK: 'x' })).toMatchObject({ signed: false, missing: [expect.stringContaining('APPLE_ID')] });
    expect(signingPlan('mac', { APPLE_KEYCHAIN_PROFILE: 'ci' })).toMatchObject({
      signed: false,
      missing: [expect.stringContaining('CSC_LINK')],
    });
    const plan = signingPlan('mac', { CSC_LINK: 'x', APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'b', APPLE_TEAM_ID: 'c' });
    expect(plan.signed).toBe(true);
    expect(plan.args).toContain('--config.mac.notarize=true');
  });

  it('treats blank variables as missing', () => {
    expect(signingPlan('win', { CSC_LINK: '  ' }).signed).toBe(false);
    expect(signingPlan('linux', { NOPOS_GPG_KEY_ID: '' }).signed).toBe(false);
    expect(signingPlan('linux', { NOPOS_GPG_KEY_ID: 'ABCD1234' })).toMatchObject({ signed: false, missing: ['NOPOS_UPDATE_SIGNING_KEY'] });
    expect(signingPlan('linux', { NOPOS_GPG_KEY_ID: 'ABCD1234', NOPOS_UPDATE_SIGNING_KEY: '/keys/update.pem' }).signed).toBe(true);
  });
});
