/**
 * The static import graph of xxgk's sources: which of our files and which
 * packages an entry reaches through `import … from` (not `import type`, not
 * `import()`), for the tests that keep heavy modules out of light commands.
 * And every module reference of a source file, found by parsing it, for the
 * layering test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const SOURCE_ROOT = path.resolve('src');
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

export function staticGraph(entries: readonly string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(STATIC_IMPORT)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  };
  for (const entry of entries) visit(entry);
  return { files, packages };
}

export type ImportKind = 'import' | 'import type' | 'export from' | 'import()' | 'import equals';

export interface ModuleReference {
  specifier: string;
  kind: ImportKind;
  /** 1-based line of the reference. */
  line: number;
}

/**
 * Every module a TypeScript source refers to, from a real parse (comments
 * and strings that merely look like imports are not references):
 * `import … from`, `import type`, `export … from`, side-effect imports,
 * `import('…')` as a call and as a type (`import('…').Name`), and
 * `import x = require('…')`.
 */
export function moduleReferences(source: string, fileName = 'source.ts'): ModuleReference[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: ModuleReference[] = [];
  const add = (literal: ts.Node | undefined, kind: ImportKind) => {
    if (literal && ts.isStringLiteralLike(literal)) {
      found.push({ specifier: literal.text, kind, line: file.getLineAndCharacterOfPosition(literal.getStart(file)).line + 1 });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ? 'import type' : 'import');
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, 'export from');
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression, 'import equals');
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], 'import()');
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, 'import()');
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Every .ts and .tsx file (the workbench page's components) under a folder, as absolute paths, sorted. */
export function sourceFiles(root: string = SOURCE_ROOT): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') || entry.name.endsWith('.tsx')) files.push(full);
    }
  };
  walk(root);
  return files.sort();
}

export interface ImportEdge {
  /** The importing file, relative to src/ with forward slashes (`batch/task.ts`). */
  from: string;
  /** The imported file, relative to src/; `undefined` when the specifier resolves to no file under src/. */
  to: string | undefined;
  specifier: string;
  kind: ImportKind;
  line: number;
}

/** Every relative import between xxgk's own source files (packages and node: modules left out). */
export function sourceImportEdges(root: string = SOURCE_ROOT): ImportEdge[] {
  const known = new Set(sourceFiles(root));
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  return sourceFiles(root).flatMap((file) =>
    moduleReferences(readFileSync(file, 'utf8'), file)
      .filter((reference) => reference.specifier.startsWith('.'))
      .map((reference) => {
        const asTs = path.resolve(path.dirname(file), reference.specifier.replace(/\.js$/, '.ts'));
        const target = known.has(asTs) ? asTs : `${asTs}x`;
        return { from: relative(file), to: known.has(target) ? relative(target) : undefined, ...reference };
      }),
  );
}
