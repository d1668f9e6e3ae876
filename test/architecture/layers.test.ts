/**
 * Layers point one way (issue #11): every import in src/ points to the same
 * layer or a lower one, and nothing outside src/cli/ imports the command
 * line. Imports are found by parsing each source file (static imports,
 * `import type`, `export … from`, `import('…')` calls and types), each file
 * is mapped to its layer by the table below, and every upward import is
 * listed as `file → imported file (layer a → layer b)`.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleReferences, SOURCE_ROOT, sourceFiles, sourceImportEdges, type ImportEdge } from '../helpers/import-graph.js';

interface Layer {
  name: string;
  /** Folders (ending in `/`) and files, relative to src/. A file entry wins over its folder's. */
  members: string[];
  /** Why it sits where it does. */
  why: string;
}

/** Bottom to top. A layer may import its own layer and those below it, never those above. */
export const LAYERS: Layer[] = [
  {
    name: 'base',
    members: ['package-paths.ts', 'text/', 'diagnostics/'],
    why:
      'Depends on nothing of ours: where the package files are, Chinese numbers, dates and paragraph text, and the Diagnostic ' +
      'every layer reports with.',
  },
  {
    name: 'tables',
    members: ['tables/'],
    why: 'The statistics tables as data (grids, cells, balances): what formats define, messages describe and renderers print.',
  },
  {
    name: 'document',
    members: ['document/'],
    why: 'The document model compose produces and every renderer consumes; its table blocks carry table cells, so it sits on tables.',
  },
  {
    name: 'io',
    members: ['io/'],
    why: 'Reading data files with source positions, schema messages, safe output files, the workbook zip reader: no report knowledge.',
  },
  {
    name: 'fonts',
    members: ['fonts/'],
    why: 'Font discovery and resolution from plain FontOptions (src/fonts/options.ts), for the PDF renderer; needs nothing above base.',
  },
  {
    name: 'formats',
    members: ['formats/'],
    why: 'The report formats (schemas, grids, rules, views): built on tables, text and the io schema messages.',
  },
  {
    name: 'validate',
    members: ['validate/'],
    why: 'Loads a data file (io) and runs its format\'s rules (formats).',
  },
  {
    name: 'import',
    members: ['import/'],
    why: 'Reads a workbook back into report data against the format grids: needs formats and the io zip reader.',
  },
  {
    name: 'extract',
    members: ['extract/'],
    why:
      'xxgk extract: a published report (HTML page, text) read back into a published-mode data file against the format grids; ' +
      'needs formats (grids, the registry by year) and the import layer\'s YAML writer, nothing that renders.',
  },
  {
    name: 'compose',
    members: ['compose/'],
    why: 'Templates and a format\'s view turn report data into the document model.',
  },
  {
    name: 'render',
    members: ['render/'],
    why: 'The document model to DOCX, PDF and XLSX bytes; the PDF uses fonts.',
  },
  {
    name: 'workflows',
    members: ['build.ts', 'aggregate/'],
    why: 'Whole tasks on files: load, validate, compose, render and write one report, or aggregate many units into one.',
  },
  {
    name: 'audit',
    members: ['audit/'],
    why:
      'xxgk audit: published reports read back (extract) and checked with their format\'s rules (validate), across years of ' +
      'one body, and the 问题清单 workbook (the render layer\'s sheet helpers); nothing below needs it.',
  },
  {
    name: 'batch',
    members: ['batch/'],
    why: 'Runs builds over many files on worker threads; takes plain options only (FontOptions, not command-line names).',
  },
  {
    name: 'workbench',
    members: ['workbench/'],
    why:
      'xxgk serve: the local server (node:http) over the library, and the page it serves, which validates in the browser with the ' +
      'same formats and validate modules; above every workflow it offers, below the CLI that starts it.',
  },
  {
    name: 'entry points',
    members: ['index.ts', 'schema-json.ts'],
    why: 'The public library API and the JSON Schema: re-export from every layer below, and nothing in the library imports them.',
  },
  {
    name: 'cli',
    members: ['cli/'],
    why: 'The command line on top: yargs options mapped onto the library\'s plain options. Nothing outside cli/ may import it.',
  },
];

/**
 * Upward imports in files owned by other work in progress, to be emptied at
 * merge. Each entry is `from → to` (paths relative to src/). An entry that no
 * longer occurs fails the test, so the list only shrinks.
 */
export const KNOWN_VIOLATIONS: string[] = [];

/** The layer of a file relative to src/: its own entry if listed, else its longest listed folder. */
export function layerOf(file: string, layers: readonly Layer[] = LAYERS): number | undefined {
  let best: { index: number; length: number } | undefined;
  layers.forEach((layer, index) => {
    for (const member of layer.members) {
      const matches = member.endsWith('/') ? file.startsWith(member) : file === member;
      // A file entry is longer than its folder's, so the most specific entry wins.
      if (matches && (!best || member.length > best.length)) best = { index, length: member.length };
    }
  });
  return best?.index;
}

const isCli = (file: string) => file.startsWith('cli/');

/** The imports that point to a higher layer, or into cli/ from outside it, as `from → to (layer a → layer b)`. */
export function upwardImports(edges: readonly Pick<ImportEdge, 'from' | 'to'>[], layers: readonly Layer[] = LAYERS): string[] {
  const problems: string[] = [];
  for (const { from, to } of edges) {
    if (to === undefined) continue;
    const a = layerOf(from, layers);
    const b = layerOf(to, layers);
    if (a === undefined || b === undefined) continue;
    if (b > a || (isCli(to) && !isCli(from))) problems.push(`${from} → ${to} (${layers[a]!.name} → ${layers[b]!.name})`);
  }
  return [...new Set(problems)].sort();
}

const edgeKey = (problem: string) => problem.replace(/ \(.*\)$/, '');

describe('layers point one way', () => {
  const files = sourceFiles().map((file) => path.relative(SOURCE_ROOT, file).split(path.sep).join('/'));
  const edges = sourceImportEdges();

  it('the layer table places every file under src/ (a new folder or root file must be placed deliberately)', () => {
    expect(files.length).toBeGreaterThan(50);
    const unplaced = files.filter((file) => layerOf(file) === undefined);
    expect(unplaced, 'add these to a layer in LAYERS').toEqual([]);
  });

  it('every relative import resolves to a file under src/', () => {
    expect(edges.length).toBeGreaterThan(100);
    const unresolved = edges.filter((edge) => edge.to === undefined).map((edge) => `${edge.from}:${edge.line} ${edge.specifier}`);
    expect(unresolved).toEqual([]);
  });

  it('no import points to a higher layer or into cli/ from outside it', () => {
    const problems = upwardImports(edges).filter((problem) => !KNOWN_VIOLATIONS.includes(edgeKey(problem)));
    expect(problems, 'imports that point up a layer').toEqual([]);
  });

  it('every KNOWN_VIOLATIONS entry still occurs (remove the ones fixed)', () => {
    const occurring = new Set(upwardImports(edges).map(edgeKey));
    expect(KNOWN_VIOLATIONS.filter((entry) => !occurring.has(entry))).toEqual([]);
  });
});

describe('the layering checker itself', () => {
  it('catches an upward import and an import of the CLI, and allows same-layer and downward ones', () => {
    const problems = upwardImports([
      { from: 'tables/grid.ts', to: 'render/docx.ts' },
      { from: 'batch/task.ts', to: 'cli/commands/fonts.ts' },
      { from: 'diagnostics/diagnostic.ts', to: 'validate/index.ts' },
      { from: 'formats/common/rules.ts', to: 'text/numbering.ts' },
      { from: 'compose/compose.ts', to: 'compose/markup.ts' },
      { from: 'cli/main.ts', to: 'batch/run.ts' },
    ]);
    expect(problems).toEqual([
      'batch/task.ts → cli/commands/fonts.ts (batch → cli)',
      'diagnostics/diagnostic.ts → validate/index.ts (base → validate)',
      'tables/grid.ts → render/docx.ts (tables → render)',
    ]);
  });

  it('treats the command line as off limits even to a layer placed above it', () => {
    const layers: Layer[] = [
      { name: 'cli', members: ['cli/'], why: '' },
      { name: 'top', members: ['top/'], why: '' },
    ];
    expect(upwardImports([{ from: 'top/a.ts', to: 'cli/b.ts' }], layers)).toEqual(['top/a.ts → cli/b.ts (top → cli)']);
  });

  it('finds every kind of import by parsing, and nothing in comments or strings', () => {
    const source = [
      "import { a } from './static.js';",
      "import type { B } from './type-only.js';",
      "import './side-effect.js';",
      "export { c } from './re-export.js';",
      "export * from './star.js';",
      'import {',
      '  d,',
      "} from './multi-line.js';",
      "type E = import('./import-type.js').E;",
      "const f = async () => (await import('./dynamic.js')).f;",
      "// import { g } from './commented.js';",
      "const h = \"import { h } from './in-a-string.js'\";",
    ].join('\n');
    expect(moduleReferences(source).map(({ specifier, kind }) => `${kind} ${specifier}`)).toEqual([
      'import ./static.js',
      'import type ./type-only.js',
      'import ./side-effect.js',
      'export from ./re-export.js',
      'export from ./star.js',
      'import ./multi-line.js',
      'import() ./import-type.js',
      'import() ./dynamic.js',
    ]);
  });
});
