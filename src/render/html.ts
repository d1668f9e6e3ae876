/**
 * HTML emitter: the report as one self-contained, accessible page (WCAG 2.1
 * AA) to paste into or upload to a portal's 政府信息公开年报 column.
 *
 * - One file: UTF-8, `lang="zh-CN"`, inline CSS, no scripts, no images, no
 *   external resources. All user text is escaped.
 * - The title is the `<h1>`; heading levels 1–4 (一、 （一） 1. （1）) are
 *   `<h2>`–`<h5>`, so the outline has no gaps.
 * - The statistics tables are real tables laid out from the same grids and
 *   printed values as the DOCX and PDF (`document/table-layout.ts`): merges
 *   become row and column spans, header cells are `<th scope>`, and every
 *   value cell names its headers (`headers`/`id`), which the merged headers
 *   of 表二 and 表三 need. The header rows are a `<thead>`, repeated on every
 *   printed page; rows are not broken across pages.
 * - On a narrow screen a table scrolls sideways inside a focusable region
 *   named by the table's caption, so keyboard users can scroll it too.
 */
import type { Block, ReportDocument, TableBlock } from '../document/model.js';
import { layOutTable, type LaidOutCell } from '../document/table-layout.js';
import { signatureIndents } from './docx/signature.js';

export interface HtmlOptions {
  /** Extra CSS appended after the built-in style sheet (a portal's own look). */
  css?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

const STYLE = `
:root { color: #000; background: #fff; }
body { margin: 0 auto; max-width: 52em; padding: 1.5em 1em 3em; font-family: "FangSong", "仿宋", "仿宋_GB2312", "STFangsong", "Noto Serif SC", "Source Han Serif SC", serif; font-size: 16px; line-height: 1.8; }
h1, h2, h3, h4, h5 { font-weight: normal; line-height: 1.5; margin: 1em 0 0.5em; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "宋体", "Noto Serif SC", serif; font-size: 1.75em; text-align: center; margin: 0.5em 0 1em; }
h2 { font-family: "SimHei", "黑体", "Noto Sans SC", "Source Han Sans SC", sans-serif; font-size: 1.15em; }
h3 { font-family: "KaiTi", "楷体", "楷体_GB2312", "STKaiti", serif; font-size: 1.1em; }
h4, h5 { font-size: 1em; font-weight: bold; }
p { margin: 0 0 0.5em; }
p.body { text-indent: 2em; text-align: justify; }
.run-in-2 { font-family: "KaiTi", "楷体", "楷体_GB2312", "STKaiti", serif; }
.run-in-3, .run-in-4 { font-weight: bold; }
p.center { text-align: center; }
p.right { text-align: right; }
p.attachment { font-family: "SimHei", "黑体", "Noto Sans SC", sans-serif; margin-bottom: 1.8em; }
.signature { margin-top: 1.8em; text-align: right; }
.signature p { margin: 0; }
hr.page-break { border: 0; border-top: 1px dashed #767676; margin: 2em 0; }
.table-wrap { overflow-x: auto; margin: 0.5em 0 1.5em; }
.table-wrap:focus { outline: 3px solid #005a9c; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; font-size: 0.875em; line-height: 1.5; }
table.wide { min-width: 48em; }
caption { font-family: "SimHei", "黑体", "Noto Sans SC", sans-serif; padding: 0.25em 0 0.5em; text-align: center; }
th, td { border: 1px solid #000; padding: 0.3em 0.4em; text-align: center; vertical-align: middle; font-weight: normal; }
th { background: #f2f2f2; }
.left { text-align: left; }
td.value { font-variant-numeric: tabular-nums; white-space: nowrap; }
@media (max-width: 40em) { body { padding: 1em 0.5em 2em; font-size: 15px; } h1 { font-size: 1.4em; } }
@media print {
  body { max-width: none; padding: 0; }
  th { background: none; }
  .table-wrap { overflow: visible; }
  table.wide { min-width: 0; }
  thead { display: table-header-group; }
  tr, th, td { break-inside: avoid; page-break-inside: avoid; }
  caption, h1, h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
  hr.page-break { border: 0; margin: 0; break-after: page; page-break-after: always; }
}
`.trim();

/** Tables with this many columns or more scroll sideways on a narrow screen rather than squeeze. */
const WIDE_TABLE_COLUMNS = 5;

function attributes(pairs: Record<string, string | number | undefined>): string {
  return Object.entries(pairs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('');
}

function cellId(tableId: string, row: number, col: number): string {
  return `${tableId}-r${row + 1}c${col + 1}`;
}

function tableCell(tableId: string, cell: LaidOutCell): string {
  const tag = cell.header ? 'th' : 'td';
  const classes = [cell.align === 'left' ? 'left' : undefined, cell.value !== undefined ? 'value' : undefined].filter(Boolean).join(' ');
  const attrs = attributes({
    id: cell.header ? cellId(tableId, cell.row, cell.col) : undefined,
    scope: cell.scope,
    rowspan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
    colspan: cell.colSpan > 1 ? cell.colSpan : undefined,
    headers: cell.headers.length > 0 ? cell.headers.map((h) => cellId(tableId, h.row, h.col)).join(' ') : undefined,
    class: classes || undefined,
  });
  return `<${tag}${attrs}>${escapeHtml(cell.text)}</${tag}>`;
}

function table(block: TableBlock, tableId: string): string {
  const layout = layOutTable(block);
  const captionId = `${tableId}-caption`;
  const total = layout.colWidths.reduce((a, b) => a + b, 0);
  const cols = layout.colWidths.map((width) => `<col style="width:${((width / total) * 100).toFixed(2)}%">`).join('');
  const row = (cells: readonly LaidOutCell[]) => `<tr>${cells.map((cell) => tableCell(tableId, cell)).join('')}</tr>`;
  const head = layout.rows.slice(0, layout.headerRows);
  const body = layout.rows.slice(layout.headerRows);
  const wide = layout.colWidths.length >= WIDE_TABLE_COLUMNS ? ' class="wide"' : '';
  return [
    `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${captionId}">`,
    `<table${wide}>`,
    `<caption id="${captionId}">${escapeHtml(layout.caption)}</caption>`,
    `<colgroup>${cols}</colgroup>`,
    ...(head.length > 0 ? ['<thead>', ...head.map(row), '</thead>'] : []),
    '<tbody>',
    ...body.map(row),
    '</tbody>',
    '</table>',
    '</div>',
  ].join('\n');
}

function block(item: Block, index: number): string {
  switch (item.kind) {
    case 'title':
      return `<h1>${item.lines.map(escapeHtml).join('<br>')}</h1>`;
    case 'heading': {
      const level = item.level + 1;
      return `<h${level}>${escapeHtml(item.text)}</h${level}>`;
    }
    case 'paragraph': {
      // A run-in heading (（一）主动公开情况。正文…) is set in its heading's face, in the same paragraph.
      const lead = item.lead ? `<span class="run-in run-in-${item.lead.level}">${escapeHtml(item.lead.text)}</span>` : '';
      return `<p class="${item.style ?? 'body'}">${lead}${escapeHtml(item.text)}</p>`;
    }
    case 'table':
      return table(item, `table${index + 1}-${item.grid.definition.id}`);
    case 'signature': {
      const indents = signatureIndents(item.names, item.date);
      const line = (text: string, chars: number) => `<p style="margin-right:${chars}em">${escapeHtml(text)}</p>`;
      return `<div class="signature">${item.names.map((name) => line(name, indents.nameChars)).join('')}${line(item.date, indents.dateChars)}</div>`;
    }
    case 'pageBreak':
      return '<hr class="page-break">';
  }
}

/** The whole page as a string. */
export function renderHtmlText(document: ReportDocument, options: HtmlOptions = {}): string {
  const style = options.css ? `${STYLE}\n${options.css}` : STYLE;
  return [
    '<!doctype html>',
    `<html lang="${document.meta.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(document.meta.title)}</title>`,
    `<style>\n${style.replace(/<\//g, '<\\/')}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...document.blocks.map(block),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The page as UTF-8 bytes (no byte order mark). */
export function renderHtml(document: ReportDocument, options: HtmlOptions = {}): Uint8Array {
  return new TextEncoder().encode(renderHtmlText(document, options));
}
