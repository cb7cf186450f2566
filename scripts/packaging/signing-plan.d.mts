export type DistPlatform = 'win' | 'mac' | 'linux';
export interface SigningPlan {
  platform: DistPlatform;
  signed: boolean;
  /** The environment variables (alternatives joined by "or") that were missing. */
  missing: string[];
  args: string[];
  envOverrides: Record<string, string>;
}
export const UNSIGNED_MARK: 'UNSIGNED';
export function signingPlan(platform: DistPlatform, env: Record<string, string | undefined>): SigningPlan;
export function platformOf(os: NodeJS.Platform): DistPlatform;
