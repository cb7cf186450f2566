import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One use of an Electron API member in the main process, as TypeScript resolves it against electron.d.ts. */
export interface ElectronMemberUse {
  /** The interface or class in electron.d.ts, e.g. `App`, `PowerMonitor`. */
  owner: string;
  member: string;
  /** For `on`/`once`: the event name. */
  event?: string;
  /** From the member's (or the event overload's) `@platform` tag; null when it has none (every OS). */
  platforms: string[] | null;
  file: string;
  line: number;
  /** Inside an if / ternary / && / switch whose condition reads a platform. */
  guarded: boolean;
}

export const SHIPPED_PLATFORMS = ['win32', 'darwin', 'linux'] as const;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const PLATFORM_CONDITION = /\bplatform\b/;

function isGuarded(node: ts.Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child !== parent.expression && PLATFORM_CONDITION.test(parent.expression.getText())) return true;
    if (ts.isConditionalExpression(parent) && child !== parent.condition && PLATFORM_CONDITION.test(parent.condition.getText()))
      return true;
    if (
      ts.isBinaryExpression(parent) &&
      child === parent.right &&
      parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      PLATFORM_CONDITION.test(parent.left.getText())
    )
      return true;
    if (ts.isCaseClause(parent) && PLATFORM_CONDITION.test(parent.parent.parent.expression.getText())) return true;
  }
  return false;
}

function platformsOf(declaration: ts.Node | undefined): string[] | null {
  if (!declaration) return null;
  const tag = ts.getJSDocTags(declaration).find((t) => t.tagName.text === 'platform');
  const text = typeof tag?.comment === 'string' ? tag.comment : (tag?.comment ?? []).map((part) => part.text).join('');
  return tag
    ? text
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
    : null;
}

function ownerName(declaration: ts.Node): string {
  const parent = declaration.parent;
  return parent && (ts.isInterfaceDeclaration(parent) || ts.isClassDeclaration(parent)) && parent.name ? parent.name.text : '?';
}

/** Every Electron member the main process uses (through Electron's objects or Pick<> slices of their types). */
export function electronMemberUses(mainDir: string): ElectronMemberUse[] {
  const files = sourceFiles(mainDir);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const uses: ElectronMemberUse[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        const declarations = symbol?.declarations?.filter((d) => d.getSourceFile().fileName.endsWith('electron/electron.d.ts')) ?? [];
        if (declarations.length > 0) {
          const call = ts.isCallExpression(node.parent) && node.parent.expression === node ? node.parent : null;
          const declaration = call ? (checker.getResolvedSignature(call)?.declaration ?? declarations[0]) : declarations[0];
          const first = call?.arguments[0];
          const event =
            call && ['on', 'once', 'addListener'].includes(node.name.text) && first && ts.isStringLiteral(first) ? first.text : undefined;
          const { line } = source.getLineAndCharacterOfPosition(node.name.getStart());
          uses.push({
            owner: ownerName(declarations[0]!),
            member: node.name.text,
            ...(event ? { event } : {}),
            platforms: platformsOf(declaration),
            file: path.relative(mainDir, file),
            line: line + 1,
            guarded: isGuarded(node),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}
