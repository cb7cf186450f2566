export interface BuildTarget {
  os: string;
  arch: string;
}
export interface MissingNativePackage {
  target: string;
  name: string;
  version: string;
}
export function buildTargets(config: Record<string, unknown>, platform: 'win' | 'mac' | 'linux'): BuildTarget[];
export function missingNativePackages(
  targets: BuildTarget[],
  nativePackages: { name: string; optionalDependencies: Record<string, string> }[],
  isInstalled: (name: string) => boolean,
): MissingNativePackage[];
export function missingNativeMessage(missing: MissingNativePackage[]): string;
