#!/usr/bin/env node
/**
 * The Typst peer of the bench (issue #16): the same report as Typst source,
 * compiled to PDF by Typst (@myriaddreamin/typst-ts-node-compiler, an optional
 * peer: not a dependency of xxgk; install it with `npm i --no-save
 * @myriaddreamin/typst-ts-node-compiler` to measure, the bench skips Typst
 * without it).
 *
 * The source is written from xxgk's own composed document (dist/), so both
 * tools set the same text: title, headings, paragraphs, the three tables cell
 * by cell with their spans, signature, page numbers — on the same A4 page with
 * GB/T 9704 margins (37/35/28/26 mm), 2号 title, 3号 body, 五号 tables, in the
 * same bundled Noto fonts (the font folders are passed to Typst, as xxgk
 * finds them). Typst's own line, table and page breaking is used (it sets the
 * sample on 5 pages where xxgk's 22-line grid and its tables take 7); the work
 * is the same text, tables and fonts.
 *
 *   node scripts/bench-typst.mjs --write report.typ [--input report.yaml]   the Typst source of a report (default: the sample)
 *   node scripts/bench-typst.mjs --compile report.typ out.pdf              one cold compile, as a fresh process does
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TYPST_PACKAGE = '@myriaddreamin/typst-ts-node-compiler';

/**
 * The Typst compiler module, or undefined when the optional peer is not
 * installed: beside xxgk, or in the folder XXGK_TYPST_FROM names (installed
 * there with `npm i --prefix <folder> @myriaddreamin/typst-ts-node-compiler`,
 * so that xxgk's own node_modules stay as they are).
 */
export function loadTypst() {
  for (const from of [process.env.XXGK_TYPST_FROM, root]) {
    if (!from) continue;
    try {
      return createRequire(path.join(path.resolve(from), 'package.json'))(TYPST_PACKAGE);
    } catch {
      // not there: the next place, or no Typst
    }
  }
  return undefined;
}

/** The folders of xxgk's bundled fonts (the ones both tools use). */
export function bundledFontDirs() {
  const require = createRequire(path.join(root, 'package.json'));
  const dirs = new Set();
  for (const [pkg, sub] of [
    ['@expo-google-fonts/noto-serif-sc', ['400Regular', '500Medium', '900Black']],
    ['@expo-google-fonts/noto-sans-sc', ['400Regular', '500Medium']],
  ]) {
    const base = path.dirname(require.resolve(pkg));
    for (const folder of sub) if (existsSync(path.join(base, folder))) dirs.add(path.join(base, folder));
  }
  return [...dirs];
}

const escapeText = (text) => text.replace(/[\\#$*_`<>@=\-+/[\]~"']/g, (c) => `\\${c}`).replace(/\n/g, ' \\ ');
const content = (text) => `[${escapeText(text)}]`;

const FONTS = {
  title: '("Noto Serif SC")',
  body: '("Noto Serif SC")',
  heading1: '("Noto Sans SC")',
  heading2: '("Noto Serif SC")',
};

function tableSource(block) {
  const { grid, values } = block;
  const { definition } = grid;
  const total = definition.colWidths.reduce((a, b) => a + b, 0);
  const columns = definition.colWidths.map((w) => `${((w / total) * 100).toFixed(3)}%`).join(', ');
  const cells = grid.anchors.map((cell) => {
    const text = cell.content.kind === 'label' ? cell.content.text : values.get(cell.content.key.join('.'))?.text ?? '';
    const spans = `${cell.rowSpan > 1 ? `rowspan: ${cell.rowSpan}, ` : ''}${cell.colSpan > 1 ? `colspan: ${cell.colSpan}, ` : ''}`;
    return `table.cell(${spans}x: ${cell.col}, y: ${cell.row})${content(text)}`;
  });
  return [
    `#block(width: 100%, text(size: ${definition.fontSizePt}pt, font: ${FONTS.body}, par(justify: false, first-line-indent: 0pt, leading: 0.3em,`,
    `table(columns: (${columns}), align: center + horizon, inset: (x: 3pt, y: 5pt),`,
    cells.join(',\n'),
    '))))',
  ].join('\n');
}

/** Typst source of a composed ReportDocument. */
export function typstSourceOf(document) {
  const out = [
    `#set document(title: ${JSON.stringify(document.meta.title)}, author: ${JSON.stringify(document.meta.organization)})`,
    '#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),',
    '  footer: context { let n = counter(page).get().first(); let t = text(size: 14pt, font: ("Noto Serif SC"))[— #n —]; if calc.odd(n) { align(right, t) } else { align(left, t) } })',
    `#set text(font: ${FONTS.body}, size: 16pt, lang: "zh", region: "cn", top-edge: 1em, bottom-edge: 0em)`,
    '#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 0.81em, spacing: 0.81em)',
    '',
  ];
  for (const block of document.blocks) {
    switch (block.kind) {
      case 'title':
        out.push(`#align(center, text(size: 22pt, font: ${FONTS.title}, weight: "black")[${block.lines.map(escapeText).join(' \\ ')}])`, '#v(1em)');
        break;
      case 'heading': {
        const style =
          block.level === 1 ? `font: ${FONTS.heading1}, weight: "medium"` : block.level === 2 ? `font: ${FONTS.heading2}, weight: "medium"` : `font: ${FONTS.body}`;
        out.push(`#block(text(${style})${content(block.text)})`);
        break;
      }
      case 'paragraph': {
        const align = { center: 'center', right: 'right' }[block.style ?? 'body'];
        if (align) out.push(`#align(${align}, ${content(block.text)})`);
        else if (block.style === 'flush-left' || block.style === 'attachment') out.push(`#block(${content(block.text)})`);
        else out.push(escapeText(block.text), '');
        break;
      }
      case 'table':
        out.push(tableSource(block));
        break;
      case 'signature':
        out.push(`#v(2em)`, `#align(right, block(width: auto, align(center, [${[...block.names, block.date].map(escapeText).join(' \\ ')}])))`);
        break;
      case 'pageBreak':
        out.push('#pagebreak()');
        break;
    }
  }
  return `${out.join('\n')}\n`;
}

/** Composes a report with xxgk (dist/) and returns its Typst source. */
export async function typstSourceOfFile(file) {
  const load = (module) => import(pathToFileURL(path.join(root, 'dist', module)).href);
  const { validateReportFile } = await load('validate/index.js');
  const { composeReport } = await load('compose/compose.js');
  const validation = await validateReportFile(file);
  if (!validation.report) throw new Error(`bench-typst: ${file} does not validate`);
  return typstSourceOf(composeReport(validation.report, validation.format, {}));
}

/** One compile as a fresh process does it: load Typst, give it the fonts, compile, write the PDF. */
export function compileOnce(typst, source, output) {
  const compiler = typst.NodeCompiler.create({ workspace: path.dirname(output), fontArgs: [{ fontPaths: bundledFontDirs() }] });
  const pdf = compiler.pdf({ mainFileContent: source });
  writeFileSync(output, pdf);
  return pdf.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { write: { type: 'string' }, input: { type: 'string' }, compile: { type: 'string' } }, allowPositionals: true, strict: false });
  if (values.write) {
    writeFileSync(values.write, await typstSourceOfFile(values.input ?? path.join(root, 'samples', '青禾区人民政府2024年报.yaml')));
  } else if (values.compile) {
    const typst = loadTypst();
    if (!typst) {
      console.error(`bench-typst: ${TYPST_PACKAGE} is not installed (npm i --no-save ${TYPST_PACKAGE})`);
      process.exit(3);
    }
    const output = process.argv[process.argv.indexOf(values.compile) + 1];
    compileOnce(typst, readFileSync(values.compile, 'utf8'), output);
  } else {
    console.error('usage: bench-typst.mjs --write report.typ [--input report.yaml] | --compile report.typ out.pdf');
    process.exit(2);
  }
}
