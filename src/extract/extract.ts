/**
 * `extract`: one published report (an HTML page or text copied from one) →
 * a published-mode data file (`source: published`): year, organisation,
 * title, preamble, the six parts, the tables of the format in force for the
 * year, the fee. A report of a year whose format has no six parts (before
 * 2019) is read as free sections with its statistics table and appended
 * material (free-sections.ts). Every label that differs from the mandated
 * wording is reported; a document that is not an annual report is refused,
 * with the reason, and nothing is guessed.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { reportYear } from '../formats/common/schema-parts.js';
import { builtInFormats } from '../formats/index.js';
import type { AnyFormat, FormatRegistry } from '../formats/registry.js';
import type { TableGrid } from '../tables/grid.js';
import { reportDataToYaml } from '../import/xlsx-import.js';
import { normalizeLabel, SOURCE_KIND_NAMES, type ExtractBlock, type ParagraphBlock, type SourceKind } from './blocks.js';
import { mandatedHeading, PARTS } from './parts.js';
import { narrativeOf, recognise, type NarrativeBlock, type Recognised } from './structure.js';
import { HtmlNestingError, htmlToBlocks } from './html.js';
import { isUnreadable, readDocument } from './read-document.js';
import { textToBlocks } from './text.js';
import { readFreeSections } from './free-sections.js';
import { flatTableStart, keyOf, mapFlatInCellOrder, mapFlatTable, mapTableRows, printsTableHeadings, tableData, type TableValues } from './tables.js';

export interface ExtractOptions {
  /** The formats to choose from by year (default: the built-in ones). */
  formats?: FormatRegistry;
  /** Today, for refusing a report of a year not yet over (default: the clock). */
  today?: Date;
}

export interface ExtractResult {
  /** The data file's content; undefined when refused. */
  data?: Record<string, unknown>;
  /** The format chosen by the report's year. */
  format?: AnyFormat;
  diagnostics: Diagnostic[];
  /** Why the document was not read as an annual report (Chinese, for the user); set when `data` is not. */
  refusal?: string;
}

const LEVEL_BY_NAME: [RegExp, string][] = [
  [/(?:镇|乡|街道|街道办事处)(?:人民政府)?$/, '乡镇街道'],
  [/人民政府$/, '人民政府'],
];

/** The fee as the narrative states it: none collected, or 收取信息处理费N件…M元. */
function feeOf(paragraphs: readonly string[]): { count: number; amount_yuan: number } | undefined {
  for (const text of paragraphs) {
    if (!/处理费|信息公开收费/.test(text)) continue;
    const none = /(?:未|没有|无|不|均未|并未)\s*(?:发生|产生|收取)[^。；，]{0,12}(?:处理费|收费)|(?:处理费|收费)[^。；]{0,10}(?:为|是)?\s*(?<![\d.])(?:0|零)\s*(?:元|件)/.exec(text);
    // “未发生违规收费情况” says the fees were lawful, not that none were collected.
    if (none && !/违规|违法|乱收|不规范|不合理/.test(none[0])) {
      return { count: 0, amount_yuan: 0 };
    }
    const normalized = text.normalize('NFKC');
    // 收取信息处理费N件…M元, or (xxgk's own wording) 对N件政府信息公开申请收取信息处理费，共计M元.
    const stated =
      /收取[^。；]{0,6}(?:信息|信息公开)?处理费[^。；]{0,12}?(\d+)\s*件[^。；]{0,16}?(\d+(?:\.\d+)?)\s*(万)?元/.exec(normalized) ??
      /(\d+)\s*件[^。；]{0,20}?收取[^。；]{0,6}(?:信息|信息公开)?处理费[^。；]{0,12}?(\d+(?:\.\d+)?)\s*(万)?元/.exec(normalized);
    if (stated) return { count: Number(stated[1]), amount_yuan: Number(stated[2]) * (stated[3] ? 10000 : 1) };
  }
  return undefined;
}

/** The grids a format may print besides the mandated ones (its `alternativeLayouts`, e.g. a one-row （六）其他处理). */
function alternativeLayouts(format: AnyFormat): TableGrid[] {
  const grids: TableGrid[] = [];
  for (const layout of format.alternativeLayouts ?? []) {
    for (const grid of layout.tables) if (!format.tables.includes(grid) && !grids.includes(grid)) grids.push(grid);
  }
  return grids;
}

/** A grid's printed headings (column headings and section labels, not row labels), normalised. */
function headings(grid: TableGrid): string[] {
  return [
    ...new Set(
      grid.anchors.flatMap((anchor) =>
        anchor.content.kind === 'label' && anchor.content.role !== 'rowLabel' && anchor.content.role !== 'group' ? [anchor.content.text] : [],
      ),
    ),
  ];
}

/**
 * EXTRACT-LAYOUT: a table printed in the layout of an earlier format (the
 * 2019 format's 表一, 本年新制作数量 / 上一年项目数量 …, in a 2021 report): at least two
 * headings only the earlier table has are printed, more than the mandated
 * table's own. `printed` is the table's text (cells or flattened). Gives the
 * earlier format's grid too: the table is read with it (see `readInEarlierLayout`).
 */
function earlierLayout(
  grid: TableGrid,
  format: AnyFormat,
  registry: FormatRegistry,
  printed: string,
): { diagnostic: Diagnostic; grid: TableGrid; carried: string[] } | undefined {
  const text = normalizeLabel(printed);
  const current = headings(grid);
  const currentKeys = new Set(current.map(normalizeLabel));
  const position = registry.byYear.indexOf(format);
  for (const earlier of registry.byYear.slice(0, Math.max(0, position)).reverse()) {
    const old = earlier.tables.find((candidate) => candidate.definition.id === grid.definition.id && candidate.definition.caption === grid.definition.caption);
    if (!old) continue;
    const oldOnly = headings(old).filter((label) => !currentKeys.has(normalizeLabel(label)));
    const oldKeys = new Set(headings(old).map(normalizeLabel));
    const oldPrinted = oldOnly.filter((label) => text.includes(normalizeLabel(label)));
    const mandated = current.filter((label) => !oldKeys.has(normalizeLabel(label)));
    const ownPrinted = mandated.filter((label) => text.includes(normalizeLabel(label)));
    if (oldPrinted.length < 2 || oldPrinted.length <= ownPrinted.length) continue;
    // The cells both formats have (the same key: the same quantity, e.g. 处理决定数量 of 行政许可).
    const sharedKeys = new Set(old.valueCells.map((cell) => keyOf(cell.content.key)));
    const carried = grid.valueCells.filter((cell) => sharedKeys.has(keyOf(cell.content.key)));
    const named = carried.map((cell) => `${cell.content.rowLabel}${cell.content.colLabel ? `·${cell.content.colLabel}` : ''}`);
    return {
      grid: old,
      carried: carried.map((cell) => keyOf(cell.content.key)),
      diagnostic: {
        code: 'EXTRACT-LAYOUT',
        severity: 'warning',
        stage: 'extract',
        path: [...grid.definition.dataPath],
        place: { table: { id: grid.definition.id, label: grid.definition.caption } },
        message:
          `「${grid.definition.caption}」表按 ${earlier.label} 的表式印制（表头“${oldPrinted.join('”“')}”），` +
          `${format.label} 规定的表头为“${mandated.join('”“')}”；按 ${earlier.label} 的表式读取，` +
          (named.length > 0 ? `两种表式共有的格（${named.join('、')}）照录，其余各格留空` : '没有两种表式共有的格，各格留空'),
      },
    };
  }
  return undefined;
}

/**
 * A table printed in an earlier format's layout, read with that format's grid:
 * the cells the two formats share (`carried`) are kept under the mandated
 * grid, the others left blank; the reading's problems are kept for the whole
 * table and for the carried cells (the others name cells the data has not),
 * except its label notes (EXTRACT-LAYOUT already says the table is not in the
 * mandated layout).
 */
function readInEarlierLayout(
  grid: TableGrid,
  earlier: { grid: TableGrid; carried: readonly string[] },
  diagnostics: Diagnostic[],
  map: (grid: TableGrid, sink: Diagnostic[]) => TableValues,
): TableValues {
  const found: Diagnostic[] = [];
  const read = map(earlier.grid, found);
  const table = keyOf(grid.definition.dataPath);
  const carried = new Set(earlier.carried.map((key) => `${table}.${key}`));
  // Not its label notes: they measure the printing against the earlier format, which the report need not follow.
  diagnostics.push(
    ...found.filter((d) => d.code !== 'EXTRACT-LABEL' && (keyOf(d.path.map(String)) === table || carried.has(keyOf(d.path.map(String))))),
  );
  const values = new Map<string, number | null>();
  for (const key of earlier.carried) values.set(key, read.values.get(key) ?? null);
  return { grid, values };
}

/** Problems that mean a table's cells were not all read. */
const unread = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error').length;

/** The table mapped with the mandated grid, or with the report's own layout of it when that reads with fewer problems. */
function bestLayout(
  grid: TableGrid,
  layouts: readonly TableGrid[],
  diagnostics: Diagnostic[],
  map: (grid: TableGrid, sink: Diagnostic[]) => TableValues,
): TableValues {
  let best: { result: TableValues; found: Diagnostic[] } | undefined;
  for (const candidate of [grid, ...layouts.filter((layout) => layout.definition.id === grid.definition.id)]) {
    const found: Diagnostic[] = [];
    const result = map(candidate, found);
    if (!best || unread(found) < unread(best.found)) best = { result, found };
  }
  diagnostics.push(...best!.found);
  return best!.result;
}

const CHINESE_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;

/**
 * The signature at the end of the last part: a date line (2024年1月3日), and
 * the line before it when it reads as a name (short, no sentence punctuation).
 * Taken out of the blocks.
 */
function takeSignature(blocks: ExtractBlock[] | undefined): { name?: string; date: string } | undefined {
  if (!blocks) return undefined;
  const tail = blocks.at(-1);
  // Copied text runs the signature into the last line: “…处理费。 平潭综合实验区金井片区管理局2024年1月3日”.
  const runIn = tail?.kind === 'paragraph' && tail.flat ? /^(.*[。！？”])\s*([^\s。，；：:,;]{1,38}(?:局|委|办|政府|委员会|管委会|办公室|中心|院|厅|部|会|署|处|所|站|队|街道|镇|乡))\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$/s.exec(tail.text.trim()) : null;
  if (runIn) blocks.splice(-1, 1, { ...(tail as ParagraphBlock), text: runIn[1]! }, { kind: 'paragraph', text: runIn[2]! }, { kind: 'paragraph', text: runIn[3]! });
  const last = blocks.at(-1);
  const date = last?.kind === 'paragraph' ? CHINESE_DATE.exec(last.text.normalize('NFKC').trim()) : null;
  if (!date) return undefined;
  blocks.pop();
  const iso = `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}`;
  const before = blocks.at(-1);
  if (before?.kind === 'paragraph' && before.text.trim().length <= 40 && !/[。，；：:,;.]/.test(before.text) && !/^[（(一二三四五六七八九十]/.test(before.text.trim())) {
    blocks.pop();
    return { name: before.text.trim(), date: iso };
  }
  return { date: iso };
}

/**
 * A report of a six-part year not laid out in the six parts (上海市科委 2024:
 * its own topical sections 二、工作机制保障 … 六、政府信息公开平台建设, then
 * the three tables under headings numbered 一、二、三、): read loosely
 * (structure.ts) when it has a title, at least three parts found by their
 * words and the format's tables printed; otherwise undefined (refused).
 * Adds G-05 naming the level-1 headings as printed and where the paragraphs
 * under headings that are not parts were put (the part they fall in, as
 * sub-headings: a user moves them where they belong).
 */
function readLoosely(blocks: readonly ExtractBlock[], format: AnyFormat, pageTitle: string | undefined): { recognised: Recognised; diagnostics: Diagnostic[] } | undefined {
  const tableParts = new Set(
    PARTS.filter((part) => format.tables.some((grid) => normalizeLabel(grid.definition.caption) === normalizeLabel(mandatedHeading(part)))).map((part) => part.key),
  );
  const diagnostics: Diagnostic[] = [];
  const recognised = recognise(blocks, pageTitle, diagnostics, { tableParts });
  if (!recognised.title || recognised.parts.length < 3) return undefined;
  const allText = blocks.map((block) => (block.kind === 'paragraph' ? block.text : '')).join('\n');
  const printed = format.tables.filter((grid) => printsTableHeadings(grid, allText)).length;
  if (printed < 2 && !blocks.some((block) => block.kind === 'table')) return undefined;
  const headingsFound: string[] = [];
  const moved: string[] = [];
  for (const found of recognised.parts) {
    headingsFound.push(found.printed ? `“${found.printed}”` : `（第${found.part.numeral}部分无标题）`);
    const foreign = found.blocks.flatMap((block) => (block.kind === 'paragraph' && block.foreignHeading ? [`“${block.text}”`] : []));
    headingsFound.push(...foreign);
    if (foreign.length > 0) moved.push(`${foreign.join('')}放在第${found.part.numeral}部分“${mandatedHeading(found.part)}”中`);
  }
  diagnostics.unshift({
    code: 'G-05',
    severity: 'error',
    stage: 'extract',
    path: ['narrative'],
    message:
      `正文没有按规定的六个部分编写：一级标题依次为${headingsFound.join('')}，规定为“一、总体情况”至“六、其他需要报告的事项”六个部分，依次编号。` +
      `已按标题的文字对应到规定的部分${moved.length > 0 ? `；不是规定部分的标题连同其下的文字作为小标题留在所在的部分：${moved.join('；')}，请移到相应部分` : ''}`,
  });
  return { recognised, diagnostics };
}

/** Whether a format is one of the six mandated parts (the 2019 and 2021 formats), not the free sections of the years before 2019. */
export function isSixPartFormat(format: AnyFormat): boolean {
  return format.tables.some((grid) => PARTS.some((part) => normalizeLabel(grid.definition.caption) === normalizeLabel(mandatedHeading(part))));
}

/**
 * Why no format covers a report year, if none does: a year before the first
 * annual reports (the 2007 regulation took effect in 2008) or a year not yet
 * over, for which no annual report can have been published.
 */
export function uncoveredYear(year: number, today: Date = new Date()): string | undefined {
  const first = reportYear.minValue ?? 2008;
  if (year < first) {
    return `这是 ${year} 年度的报告；政府信息公开工作年度报告始于 ${first} 年度（《中华人民共和国政府信息公开条例》2008 年 5 月 1 日起施行），没有适用于该年度的格式，暂不支持`;
  }
  const current = today.getUTCFullYear();
  if (year > current) {
    return `这是 ${year} 年度的报告；该年度尚未结束（今天是 ${current} 年），没有适用于该年度的格式，暂不支持，请核对报告年度`;
  }
  return undefined;
}

/** The blocks of a document, read as an annual report; a report of a year no format covers is refused (nothing guessed). */
export function extractFromBlocks(blocks: readonly ExtractBlock[], options: ExtractOptions & { pageTitle?: string; kind: SourceKind }): ExtractResult {
  const result = readBlocks(blocks, options);
  const year = result.data?.year;
  const uncovered = typeof year === 'number' ? uncoveredYear(year, options.today) : undefined;
  if (uncovered === undefined) return result;
  return { diagnostics: [], refusal: `${uncovered}。没有生成数据文件` };
}

function readBlocks(blocks: readonly ExtractBlock[], options: ExtractOptions & { pageTitle?: string; kind: SourceKind }): ExtractResult {
  const diagnostics: Diagnostic[] = [];
  // What the six-part reading reports counts only when the document is read that way.
  let sixPartDiagnostics: Diagnostic[] = [];
  let recognised = recognise(blocks, options.pageTitle, sixPartDiagnostics);
  const form = SOURCE_KIND_NAMES[options.kind];
  const registry = options.formats ?? builtInFormats;
  // A format whose tables are not the six parts' is a report of free sections (the years before 2019).
  const sixParts = isSixPartFormat;
  const freeFormat = (year: number | undefined) => {
    if (year !== undefined) return registry.forYear(year);
    return registry.formats.find((candidate) => !sixParts(candidate)) ?? registry.forYear(0);
  };
  if (recognised.parts.length < 3 || (recognised.title && !sixParts(registry.forYear(recognised.title.year)))) {
    const free = readFreeSections(blocks, freeFormat, diagnostics, form, options.pageTitle);
    if (free.data && free.format && !sixParts(free.format)) return { data: free.data, format: free.format, diagnostics };
    if (free.data && free.format) {
      const loose = readLoosely(blocks, free.format, options.pageTitle);
      if (!loose) {
        return {
          diagnostics,
          refusal: `这份${form}写的是 ${String(free.data.year)} 年度，该年度的报告应按 ${free.format.label} 分六个部分编写，但没有找到这六个部分的标题（“一、总体情况”至“六、其他需要报告的事项”），也不是按标题的文字能对应到这六个部分、印有规定统计表的报告。没有生成数据文件`,
        };
      }
      recognised = loose.recognised;
      sixPartDiagnostics = loose.diagnostics;
    } else if (recognised.title && !sixParts(registry.forYear(recognised.title.year))) return { diagnostics, refusal: free.refusal! };
    diagnostics.length = 0;
  }
  diagnostics.push(...sixPartDiagnostics);
  const missing: string[] = [];
  if (!recognised.title) missing.push('标题（“……年度政府信息公开工作年度报告”）');
  if (recognised.parts.length < 3) missing.push(`正文各部分的标题（“一、总体情况”至“六、其他需要报告的事项”，只找到 ${recognised.parts.length} 个）`);
  const allText = blocks.map((block) => (block.kind === 'paragraph' ? block.text : '')).join('\n');
  const hasTables =
    blocks.some((block) => block.kind === 'table') ||
    registry.formats.some((candidate) => candidate.tables.some((grid) => printsTableHeadings(grid, allText)));
  if (!hasTables) missing.push('统计表');
  if (missing.length > 0 || !recognised.title) {
    return { diagnostics, refusal: `这份${form}不像政府信息公开工作年度报告：没有找到${missing.join('、')}。没有生成数据文件` };
  }
  const { title } = recognised;
  const format = registry.forYear(title.year);

  const narrative: Record<string, NarrativeBlock[]> = {};
  const tables: Record<string, unknown> = {};
  const allParagraphs: string[] = [];
  for (const part of PARTS) narrative[part.key] = [];
  for (const part of PARTS) {
    if (!recognised.parts.some((found) => found.part === part)) {
      diagnostics.push({
        code: 'EXTRACT-PART',
        severity: 'warning',
        stage: 'extract',
        path: ['narrative', part.key],
        place: { part: { id: part.key, label: mandatedHeading(part) } },
        message: `没有找到第${part.numeral}部分“${mandatedHeading(part)}”`,
      });
    }
  }
  const mapped: TableValues[] = [];
  const layouts = alternativeLayouts(format);
  const signature = takeSignature(recognised.parts.at(-1)?.blocks);
  for (const found of recognised.parts) {
    const grid = format.tables.find((candidate) => normalizeLabel(candidate.definition.caption) === normalizeLabel(mandatedHeading(found.part)));
    const paragraphs: ParagraphBlock[] = [];
    const tableRows = found.blocks.flatMap((block) => (block.kind === 'table' ? block.rows : []));
    for (const block of found.blocks) if (block.kind === 'paragraph') paragraphs.push(block);
    if (grid) {
      if (tableRows.length > 0) {
        const read = (candidate: TableGrid, sink: Diagnostic[]) => mapTableRows(candidate, tableRows, sink);
        const layout = earlierLayout(grid, format, registry, tableRows.flat().map((cell) => cell.text).join('\n'));
        mapped.push(layout ? readInEarlierLayout(grid, layout, diagnostics, read) : bestLayout(grid, layouts, diagnostics, read));
        if (layout) diagnostics.push(layout.diagnostic);
        narrative[found.part.key] = narrativeOf(paragraphs);
      } else {
        // Flattened: the table runs from its first header label to the end of the part.
        // An empty line kept where the copied text had more than usual: a blank cell.
        const text = paragraphs.map((p, i) => (i > 0 && p.gapBefore ? `\n${p.text}` : p.text)).join('\n');
        const start = flatTableStart(grid, text);
        if (start === undefined) {
          diagnostics.push(missingTable(grid, `第${found.part.numeral}部分中没有找到「${grid.definition.caption}」的统计表；表中各格留空`));
          narrative[found.part.key] = narrativeOf(paragraphs);
        } else {
          const read = (candidate: TableGrid, sink: Diagnostic[]) => mapFlatTable(candidate, text.slice(start), sink);
          const layout = earlierLayout(grid, format, registry, text.slice(start));
          if (layout) {
            mapped.push(readInEarlierLayout(grid, layout, diagnostics, read));
            diagnostics.push(layout.diagnostic);
          } else {
            const byLabels: Diagnostic[] = [];
            const byLayout = bestLayout(grid, layouts, byLabels, read);
            // Rows not found by their labels: the numbers in cell order, when every total then holds.
            const inOrder: Diagnostic[] = [];
            const ordered = unread(byLabels) > 0 ? mapFlatInCellOrder(grid, text.slice(start), inOrder) : undefined;
            diagnostics.push(...(ordered ? inOrder : byLabels));
            mapped.push(ordered ?? byLayout);
          }
          const before = text.slice(0, start).trim();
          narrative[found.part.key] = before ? narrativeOf([{ kind: 'paragraph', text: before, flat: true }]) : [];
        }
      }
    } else {
      narrative[found.part.key] = narrativeOf(paragraphs);
    }
    allParagraphs.push(...paragraphs.map((p) => p.text));
  }
  for (const grid of format.tables) {
    const result = mapped.find((m) => m.grid.definition.id === grid.definition.id) ?? { grid, values: new Map() };
    if (!mapped.some((m) => m.grid.definition.id === grid.definition.id) && !diagnostics.some((d) => d.code === 'EXTRACT-TABLE' && d.place?.table?.id === grid.definition.id)) {
      diagnostics.push(missingTable(grid, `没有找到「${grid.definition.caption}」的统计表；表中各格留空`));
    }
    tables[grid.definition.dataPath.at(-1)!] = tableData(result);
  }

  // A title written as a letter (“…管理局关于2021年度…”) names the body before its “关于”; a title
  // without a body (“2023年度政府信息公开工作年度报告”) leaves the signature's name.
  const named = title.organization.replace(/关于$/, '');
  const organizationName = named || signature?.name || '';
  const organization: Record<string, string> = { name: organizationName };
  const level = LEVEL_BY_NAME.find(([pattern]) => pattern.test(organizationName))?.[1];
  if (level) organization.level = level;
  else {
    diagnostics.push({
      code: 'EXTRACT-LEVEL',
      severity: 'warning',
      stage: 'extract',
      path: ['organization', 'level'],
      message: `从机关名称“${organizationName || '（无）'}”看不出机关类别；请在 organization.level 填写 人民政府、部门、乡镇街道 或 其他`,
    });
  }
  if (!named) {
    diagnostics.push(
      organizationName
        ? { code: 'EXTRACT-ORGANIZATION', severity: 'info', stage: 'extract', path: ['organization', 'name'], message: `标题中没有机关名称，按落款读作“${organizationName}”；请核对 organization.name` }
        : { code: 'EXTRACT-ORGANIZATION', severity: 'warning', stage: 'extract', path: ['organization', 'name'], message: '标题和落款中都没有机关名称；请在 organization.name 填写机关全称' },
    );
  }
  const fee = feeOf(allParagraphs);
  if (!fee) {
    diagnostics.push({
      code: 'EXTRACT-FEE',
      severity: 'warning',
      stage: 'extract',
      path: ['fee'],
      message: '正文中没有找到信息处理费的说明（收取的件数和金额）；请在 fee 填写',
    });
  }
  if (recognised.preamble.length === 0) {
    diagnostics.push({ code: 'EXTRACT-PREAMBLE', severity: 'info', stage: 'extract', path: ['preamble'], message: '标题与“一、总体情况”之间没有导语' });
  }

  const data: Record<string, unknown> = {
    source: 'published',
    year: title.year,
    organization,
    title: title.text,
    preamble: recognised.preamble,
    narrative,
    ...(signature ? { signature } : {}),
    tables,
    ...(fee ? { fee } : {}),
  };
  return { data, format, diagnostics };
}

/**
 * One document (its bytes; the name only for its extension), read as an
 * annual report. `unreadable` is set when the bytes cannot be read at all
 * (exit 2, nothing written); `refusal` when they are read but are not a
 * report this tool can take.
 */
export async function extractDocument(bytes: Uint8Array, fileName: string, options: ExtractOptions = {}): Promise<ExtractResult & { unreadable?: string }> {
  let read: Awaited<ReturnType<typeof readDocument>>;
  try {
    read = await readDocument(bytes, fileName);
  } catch (error) {
    if (error instanceof HtmlNestingError) return { diagnostics: [], unreadable: error.message };
    throw error;
  }
  if (isUnreadable(read)) return { diagnostics: [], unreadable: read.unreadable };
  return extractFromBlocks(read.blocks, { ...options, kind: read.kind, ...(read.pageTitle ? { pageTitle: read.pageTitle } : {}) });
}

/** One document's text (HTML page or copied text), read as an annual report. */
export function extractReport(text: string, kind: 'html' | 'text', options: ExtractOptions = {}): ExtractResult {
  if (kind === 'html') {
    let read: ReturnType<typeof htmlToBlocks>;
    try {
      read = htmlToBlocks(text);
    } catch (error) {
      if (error instanceof HtmlNestingError) return { diagnostics: [], refusal: error.message };
      throw error;
    }
    const { blocks, pageTitle } = read;
    return extractFromBlocks(blocks, { ...options, kind, ...(pageTitle ? { pageTitle } : {}) });
  }
  return extractFromBlocks(textToBlocks(text), { ...options, kind });
}

/** The data file as YAML, with a Chinese header naming where it was read from. */
export function extractedYaml(result: ExtractResult, sourceName: string): string {
  if (!result.data) throw new Error('nothing extracted');
  const counts = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of result.diagnostics) counts[diagnostic.severity]++;
  return reportDataToYaml(result.data, {
    comment: [
      `由 xxgk extract 从 ${sourceName} 读出（按已发布的原文重现，source: published）。`,
      `${result.data.format ? '年度不详，报告格式按文中的结构选用' : '报告格式按年度选用'}：${result.format?.label ?? ''}。正文、标题和表中数字照原文录入，未作更正。`,
      counts.error + counts.warning > 0
        ? `读取时有 ${counts.error} 个错误、${counts.warning} 个提示（运行 xxgk extract 时列出）；留空（null）的格请按原件填写。`
        : '读取时没有发现问题。',
      // A report not laid out in the six parts: where its sections were put, for the user who fixes it.
      ...result.diagnostics.filter((d) => d.code === 'G-05').map((d) => d.message),
    ].join('\n'),
  });
}

/** EXTRACT-TABLE: a mandated table the document does not have (its cells stay blank). */
function missingTable(grid: TableGrid, message: string): Diagnostic {
  return {
    code: 'EXTRACT-TABLE',
    severity: 'error',
    stage: 'extract',
    path: [...grid.definition.dataPath],
    place: { table: { id: grid.definition.id, label: grid.definition.caption } },
    message,
  };
}
