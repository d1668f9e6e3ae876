/**
 * The workbench's JSON API over the library: list the working folder, start a
 * report from a format's starter, open a data file or last year's, import a
 * workbook, render an output, save the data file (keeping its comments,
 * refusing when it changed on disk since it was opened) and keep drafts.
 * Every path is a name inside the working folder (security.ts).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { composeReport } from '../../compose/compose.js';
import { hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FormatDefinition } from '../../formats/format.js';
import { BUILT_IN_FORMATS, builtInFormats } from '../../formats/index.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { loadFromData, loadReportText, ReportReadError, MAX_DATA_FILE_BYTES } from '../../io/load.js';
import { removeFileIfPresent, safeFileName, writeFileAtomic } from '../../io/output-file.js';
import { EXTENSIONS, loadEmitter, OUTPUT_KINDS, type OutputKind } from '../../render/emitters.js';
import { validateLoaded } from '../../validate/index.js';
import { RequestRefused, resolveInFolder } from './security.js';
import { writeDataText } from './yaml-save.js';

export interface ApiContext {
  root: string;
  /** Resolved once per server process, on the first PDF. */
  fonts(): Promise<ResolvedFonts>;
}

export interface BinaryReply {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
  headers?: Record<string, string>;
}

const DATA_FILE = /\.(ya?ml|json)$/i;
const WORKBOOK = /\.xlsx$/i;
const DRAFT_PREFIX = '.xxgk-draft-';

const CONTENT_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.html': 'text/html; charset=utf-8',
};

export const versionOf = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

function stringField(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '') throw new RequestRefused(400, `缺少“${key}”`);
  return value;
}

async function readText(file: string, name: string): Promise<string> {
  const info = await fs.stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new RequestRefused(404, `找不到文件：${name}`);
  if (info.size > MAX_DATA_FILE_BYTES) throw new RequestRefused(413, `${name} 太大（超过 ${MAX_DATA_FILE_BYTES / 1024 / 1024} MB），不像是报告数据文件`);
  return (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '');
}

/** The data files and workbooks of the working folder (top level, no hidden files). */
export async function listFiles(context: ApiContext) {
  const entries = await fs.readdir(context.root, { withFileTypes: true });
  const files = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !(DATA_FILE.test(entry.name) || WORKBOOK.test(entry.name))) continue;
    const info = await fs.stat(path.join(context.root, entry.name)).catch(() => undefined);
    if (!info?.isFile()) continue;
    files.push({ name: entry.name, kind: WORKBOOK.test(entry.name) ? 'workbook' : 'data', size: info.size, modified: info.mtime.toISOString() });
  }
  files.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const drafts = entries.filter((entry) => entry.name.startsWith(DRAFT_PREFIX) && entry.name.endsWith('.json')).map((entry) => entry.name);
  return { folder: context.root, files, drafts, outputs: OUTPUT_KINDS };
}

/** A new report from the starter of the format in force for the year. */
export function newReport(body: Record<string, unknown>) {
  const year = Number(body.year);
  if (!Number.isInteger(year) || year < 2008 || year > 2100) {
    throw new RequestRefused(422, '年度应为 2008 至 2100 之间的整数（按年度选择格式：2018 年度及以前为旧条例时期格式，2019、2020 年度为 2019 年试行格式，2021 年度起为现行格式）');
  }
  const organization = typeof body.organization === 'string' && body.organization.trim() !== '' ? body.organization.trim() : undefined;
  const format = builtInFormats.forYear(year);
  const text = format.starter({ year, ...(organization ? { organization } : {}) });
  const load = loadReportText(text, 'starter.yaml');
  const data = load.raw as Record<string, unknown>;
  const level = typeof body.level === 'string' ? body.level : undefined;
  if (level && data.organization && typeof data.organization === 'object') (data.organization as Record<string, unknown>).level = level;
  const name = safeFileName(`${organization ?? ''}${year}年政府信息公开工作年度报告`, '.yaml');
  return { name, base: text, version: null, data, format: { id: format.id, label: format.label } };
}

function located(text: string, name: string, previous?: { text: string; name: string }) {
  const load = loadReportText(text, name);
  const result = validateLoaded(load, previous ? { previous: loadReportText(previous.text, previous.name) } : {});
  return { load, result };
}

/** A data file of the working folder: its text, version, raw data and located diagnostics. */
export async function openFile(context: ApiContext, body: Record<string, unknown>) {
  const name = stringField(body, 'name');
  const file = await resolveInFolder(context.root, name);
  if (!DATA_FILE.test(name)) throw new RequestRefused(422, `${name} 不是报告数据文件（应为 .yaml、.yml 或 .json）`);
  const text = await readText(file, name);
  const { load, result } = located(text, name);
  if (!result.format || load.raw === null || typeof load.raw !== 'object' || Array.isArray(load.raw)) {
    // A broken or foreign file is reported as `xxgk validate` reports it, and nothing is opened.
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const lines = errors.slice(0, 3).map((d) => (d.start ? `第 ${d.start.line} 行第 ${d.start.column} 列：${d.message}` : d.message));
    throw new RequestRefused(422, `${name} 无法作为报告数据文件打开：${lines.join('；') || '文件中没有报告数据'}${errors.length > 3 ? `；另有 ${errors.length - 3} 个错误` : ''}`);
  }
  return {
    name,
    base: text,
    version: versionOf(text),
    data: load.raw ?? null,
    format: result.format ? { id: result.format.id, label: result.format.label } : null,
    diagnostics: result.diagnostics,
  };
}

/** A statistics workbook of the working folder read back into report data (nothing is written). */
export async function importFile(context: ApiContext, body: Record<string, unknown>) {
  const name = stringField(body, 'name');
  const file = await resolveInFolder(context.root, name);
  const { importWorkbookFile } = await import('../../import/xlsx-import.js');
  try {
    const imported = await importWorkbookFile(file, { formats: BUILT_IN_FORMATS as readonly FormatDefinition<unknown>[], fileName: name });
    return {
      name: safeFileName(name.replace(WORKBOOK, ''), '.yaml'),
      base: undefined,
      version: null,
      data: imported.data,
      format: { id: imported.format.id, label: imported.format.label },
      diagnostics: imported.diagnostics,
    };
  } catch (error) {
    if (error instanceof ReportReadError) throw new RequestRefused(422, error.message);
    throw error;
  }
}

/** The report data the browser sends, validated as the CLI would (with last year's file when named). */
async function validateData(context: ApiContext, body: Record<string, unknown>) {
  const name = typeof body.name === 'string' && body.name !== '' ? body.name : 'report.yaml';
  const previousName = typeof body.previous === 'string' && body.previous !== '' ? body.previous : undefined;
  const previous = previousName ? { text: await readText(await resolveInFolder(context.root, previousName), previousName), name: previousName } : undefined;
  const load = loadFromData(body.data, name);
  const result = validateLoaded(load, previous ? { previous: loadReportText(previous.text, previous.name) } : {});
  return result;
}

/** One output rendered in memory. A preview renders despite rule errors; a download is refused like `xxgk build`. */
export async function renderOutput(context: ApiContext, body: Record<string, unknown>): Promise<BinaryReply> {
  const kind = body.kind as OutputKind;
  if (!(OUTPUT_KINDS as readonly string[]).includes(kind)) throw new RequestRefused(400, `不支持的输出格式：${String(kind)}`);
  const preview = body.preview === true;
  const result = await validateData(context, body);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.report || !result.format) {
    throw new RequestRefused(422, `${errors.length} 个错误：${errors[0]?.message ?? ''}；数据无法使用，没有生成任何文件。`);
  }
  if (!preview && hasErrors(result.diagnostics)) {
    throw new RequestRefused(422, `${errors.length} 个错误（第一个：${errors[0]!.message}）。请先改正错误；没有生成任何文件。`);
  }
  const format = result.format as FormatDefinition<unknown>;
  const document = composeReport(result.report, format);
  const emitter = await loadEmitter(kind);
  const rendered = await emitter.render(document, kind === 'pdf' ? { pdf: { fonts: await context.fonts() } } : {});
  const warnings: Diagnostic[] = rendered.warnings;
  const extension = EXTENSIONS[kind];
  const pages = (rendered as { pages?: number }).pages;
  return {
    bytes: rendered.bytes,
    contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    fileName: safeFileName(document.meta.title, extension),
    headers: {
      'x-xxgk-warnings': encodeURIComponent(JSON.stringify(warnings.map((w) => w.message))),
      ...(pages !== undefined ? { 'x-xxgk-pages': String(pages) } : {}),
    },
  };
}

/** The narrative part a drafted sentence is printed in, where that is not the part of its own name. */
const DRAFT_TARGETS: Readonly<Record<string, string>> = { fee: 'other' };

const paragraphTexts = (document: ReturnType<typeof composeReport>): string[] =>
  document.blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : []));

/**
 * The sentences xxgk drafts for the report the browser sends: for each part
 * whose draft is on (`drafts:`, see formats/common/drafts.ts) the paragraphs
 * the composed report holds that it would not hold with that draft off —
 * exactly what would be printed, worded by the format's own templates.
 * `off` lists the parts whose draft the data switches off.
 */
export async function draftedSentences(context: ApiContext, body: Record<string, unknown>) {
  const result = await validateData(context, body);
  const report = result.report as { drafts?: Record<string, boolean>; narrative?: Record<string, unknown> } | undefined;
  if (!report || !result.format || !report.drafts) return { drafts: [], off: [] };
  const format = result.format as FormatDefinition<unknown>;
  const target = (part: string) => DRAFT_TARGETS[part] ?? part;
  const full = paragraphTexts(composeReport(report, format));
  const drafts: { part: string; narrative: string; sentences: string[] }[] = [];
  const off: { part: string; narrative: string }[] = [];
  for (const [part, on] of Object.entries(report.drafts)) {
    if (!on) {
      off.push({ part, narrative: target(part) });
      continue;
    }
    const without = paragraphTexts(composeReport({ ...report, drafts: { ...report.drafts, [part]: false } }, format));
    // `without` is `full` less the drafted paragraphs, in the same order.
    const sentences: string[] = [];
    let j = 0;
    for (const text of full) {
      if (j < without.length && without[j] === text) j++;
      else sentences.push(text);
    }
    if (sentences.length) drafts.push({ part, narrative: target(part), sentences });
  }
  return { drafts, off };
}

/**
 * Saves the data into the working folder atomically. `version` is the hash
 * of the file as it was opened (null for a new file): when the file on disk
 * is no longer that, nothing is written and the clerk is told.
 */
export async function saveFile(context: ApiContext, body: Record<string, unknown>) {
  const name = stringField(body, 'name');
  if (!DATA_FILE.test(name)) throw new RequestRefused(422, `保存的文件名应以 .yaml 结尾：${name}`);
  const file = await resolveInFolder(context.root, name);
  const current = await fs.readFile(file).catch(() => undefined);
  const expected = typeof body.version === 'string' ? body.version : null;
  if (current !== undefined && (expected === null || versionOf(current) !== expected)) {
    throw new RequestRefused(
      409,
      expected === null
        ? `工作文件夹里已有 ${name}，没有覆盖；请换一个文件名，或先打开该文件`
        : `${name} 在打开之后已被修改（可能在另一个标签页或其他程序中），没有保存，以免覆盖别人的修改；请重新打开该文件后再改`,
    );
  }
  if (current === undefined && expected !== null) {
    throw new RequestRefused(409, `${name} 在打开之后已被移走或删除，没有保存；请另存为新文件`);
  }
  const base = current !== undefined ? current.toString('utf8').replace(/^\uFEFF/, '') : typeof body.base === 'string' ? body.base : undefined;
  const text = writeDataText(base, body.data, name);
  await writeFileAtomic(file, text, { overwrite: true });
  await removeFileIfPresent(draftPath(context, name));
  return { name, version: versionOf(text) };
}

const draftPath = (context: ApiContext, name: string) => path.join(context.root, `${DRAFT_PREFIX}${path.basename(name)}.json`);

/** Unsaved work kept beside the data file, offered back on the next start. */
export async function saveDraft(context: ApiContext, body: Record<string, unknown>) {
  const name = stringField(body, 'name');
  await resolveInFolder(context.root, name);
  const draft = { name, savedAt: new Date().toISOString(), state: body.state ?? null };
  await writeFileAtomic(draftPath(context, name), JSON.stringify(draft), { overwrite: true });
  return { ok: true };
}

export async function readDraft(context: ApiContext, body: Record<string, unknown>) {
  const name = stringField(body, 'name');
  const file = await resolveInFolder(context.root, name);
  if (!path.basename(file).startsWith(DRAFT_PREFIX)) throw new RequestRefused(403, `${name} 不是草稿文件`);
  return JSON.parse(await readText(file, name)) as unknown;
}

export async function discardDraft(context: ApiContext, body: Record<string, unknown>) {
  const name = stringField(body, 'name');
  const file = await resolveInFolder(context.root, name);
  if (!path.basename(file).startsWith(DRAFT_PREFIX)) throw new RequestRefused(403, `${name} 不是草稿文件`);
  await removeFileIfPresent(file);
  return { ok: true };
}

const UNIT_FILE = /\.(ya?ml|json|xlsx|xlsm)$/i;
/** A unit's workbook or data file: ours are a few dozen KB; the request body cap bounds the total. */
const MAX_UNIT_BYTES = 10 * 1024 * 1024;

/**
 * The units the superior's view sums: names of files in the working folder
 * (`files`) and files dropped on the page (`uploads`: name and base64 bytes),
 * each read into memory and handed to `openOverview` by its bare name, so
 * that no absolute path reaches the page.
 */
async function overviewRequest(context: ApiContext, body: Record<string, unknown>) {
  const files = Array.isArray(body.files) ? body.files : [];
  const uploads = Array.isArray(body.uploads) ? body.uploads : [];
  if (files.length + uploads.length === 0) throw new RequestRefused(422, '请至少选择一个单位的工作簿或数据文件');
  const inputs: { name: string; bytes: Uint8Array }[] = [];
  for (const name of files) {
    if (typeof name !== 'string' || !UNIT_FILE.test(name)) throw new RequestRefused(422, `${String(name)} 不是单位的工作簿或数据文件（应为 .xlsx、.yaml、.yml 或 .json）`);
    const file = await resolveInFolder(context.root, name);
    const info = await fs.stat(file).catch(() => undefined);
    if (!info?.isFile()) throw new RequestRefused(404, `找不到文件：${name}`);
    if (info.size > MAX_UNIT_BYTES) throw new RequestRefused(413, `${name} 太大（超过 ${MAX_UNIT_BYTES / 1024 / 1024} MB），不像是单位的报告文件`);
    inputs.push({ name, bytes: new Uint8Array(await fs.readFile(file)) });
  }
  for (const upload of uploads) {
    const entry = (upload ?? {}) as Record<string, unknown>;
    const name = typeof entry.name === 'string' ? path.basename(entry.name.replace(/\\/g, '/')) : '';
    if (!UNIT_FILE.test(name)) throw new RequestRefused(422, `拖入的文件 ${name || '（无名）'} 不是单位的工作簿或数据文件（应为 .xlsx、.yaml、.yml 或 .json）`);
    if (typeof entry.base64 !== 'string') throw new RequestRefused(400, `拖入的文件 ${name} 没有内容`);
    const bytes = new Uint8Array(Buffer.from(entry.base64, 'base64'));
    if (bytes.length > MAX_UNIT_BYTES) throw new RequestRefused(413, `${name} 太大（超过 ${MAX_UNIT_BYTES / 1024 / 1024} MB），不像是单位的报告文件`);
    inputs.push({ name, bytes });
  }
  const expectedText = typeof body.expected === 'string' ? body.expected : Array.isArray(body.expected) ? body.expected.filter((line) => typeof line === 'string').join('\n') : '';
  const expected = expectedText.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const organization = typeof body.organization === 'string' && body.organization.trim() !== '' ? body.organization.trim() : undefined;
  const { openOverview } = await import('../../aggregate/overview.js');
  return openOverview(inputs, { ...(expected.length ? { expected } : {}), ...(organization ? { organization } : {}) });
}

/** The superior's view: one row per unit, the summed tables laid out, 明细 and 问题清单 (aggregate/overview.ts). */
export async function overview(context: ApiContext, body: Record<string, unknown>) {
  return (await overviewRequest(context, body)).overview;
}

/** The 汇总 workbook (`kind: 'xlsx'`) or the summed data file (`kind: 'yaml'`), in memory. */
export async function overviewDownload(context: ApiContext, body: Record<string, unknown>): Promise<BinaryReply> {
  const kind = body.kind;
  if (kind !== 'xlsx' && kind !== 'yaml') throw new RequestRefused(400, `不支持的汇总下载：${String(kind)}`);
  const opened = await overviewRequest(context, body);
  const base = `${opened.overview.year ?? ''}年度政府信息公开工作年度报告汇总`;
  const workbookName = safeFileName(base, '.xlsx');
  const refused = () => new RequestRefused(422, `没有生成汇总文件：${opened.overview.summary.refusal ?? '没有可汇总的单位'}`);
  if (kind === 'xlsx') {
    const bytes = await opened.workbook();
    if (!bytes) throw refused();
    return { bytes, contentType: CONTENT_TYPES['.xlsx']!, fileName: workbookName };
  }
  const text = opened.dataText(workbookName);
  if (text === null) throw refused();
  return { bytes: new TextEncoder().encode(text), contentType: 'application/yaml; charset=utf-8', fileName: safeFileName(base, '.yaml') };
}
