/**
 * The Handlebars environment the section templates run in: an isolated
 * instance (no global registrations), the numbering and wording helpers, and a
 * cache of compiled templates. Create one per process or worker and pass it to
 * `composeReport`; nothing here touches the file system except reading the
 * template files themselves (once each, when first used).
 *
 * A user's template (`--templates`) is data, not code: it can use the report's
 * fields and the helpers below, nothing else.
 * - Prototype access is denied at run time (Handlebars' allowProto… options
 *   off), and checked before a template runs: a path or `lookup` naming
 *   `constructor`, `__proto__`, `prototype` or an Object.prototype method is
 *   refused with its line and column.
 * - Partials (`{{> …}}`), partial blocks and decorators are refused: a
 *   template cannot pull in another file or register code.
 * - No helper reads or writes files, and the built-in `log` helper (which
 *   prints to the console) is removed.
 * - `strict`: a misspelt field is an error, not an empty string.
 * Every failure is a TemplateError with one Chinese sentence naming the file.
 */
import type { FormatTemplates } from '../formats/format.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { chineseDate, chineseNumber, formatWan, formatYuan, headingNumber } from '../text/numbering.js';
import { TemplateError } from './errors.js';
import { flattenNarrative } from './narrative.js';
import { packagePath } from '../package-paths.js';

/** The templates shipped with xxgk: `<package>/templates`. */
export const DEFAULT_TEMPLATES_DIR = packagePath('templates');

export { TemplateError } from './errors.js';

export interface TemplateEnvironmentOptions {
  /** A folder with the user's copies of some or all section templates; missing files fall back to the defaults. */
  userTemplatesDir?: string;
  /**
   * The default templates compiled at build time (default: PRECOMPILED_TEMPLATES_FILE
   * when it exists); false compiles every template when first used.
   */
  precompiled?: string | false;
}

export interface TemplateEnvironment {
  /**
   * Renders a format's `<section>.hbs` with the view model; returns the line
   * markup. The file is the user's copy when there is one, else the format's,
   * else its base format's.
   */
  render(templates: FormatTemplates, section: string, viewModel: unknown): string;
}

/** Template files larger than this are refused (ours are under 3 KB). */
export const MAX_TEMPLATE_BYTES = 256 * 1024;

/**
 * Names a template may not use as a path segment or `lookup` key: the ways
 * from a plain value to its constructor, prototype or the Function behind it.
 */
const FORBIDDEN_NAMES = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  'apply',
  'bind',
  'call',
]);

function registerHelpers(hb: typeof Handlebars): void {
  // The only built-in helper with a side effect: it writes to the console.
  hb.unregisterHelper('log');
  hb.registerHelper('cn', (n: number) => chineseNumber(n));
  hb.registerHelper('seq', (level: 1 | 2 | 3 | 4, ordinal: number) => headingNumber(level, ordinal));
  hb.registerHelper('date', (iso: string) => chineseDate(iso));
  hb.registerHelper('wan', (amount: number, decimals: unknown) =>
    formatWan(amount, typeof decimals === 'number' ? decimals : 2),
  );
  hb.registerHelper('yuan', (amount: number) => formatYuan(amount));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('gt', (a: number, b: number) => a > b);
  hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper('not', (a: unknown) => !a);
  /** `{{#each (narrative blocks 2)}}` → [{directive: 'h2', text: '（一）…'}, {directive: 'p', text}]. */
  hb.registerHelper('narrative', (blocks: unknown, level: number) => flattenNarrative(blocks, level));
  /** Joins list items with a separator: `{{join items "、"}}`. */
  hb.registerHelper('join', (items: unknown, separator: unknown) =>
    Array.isArray(items) ? items.join(typeof separator === 'string' ? separator : '、') : '',
  );
}

interface AstNode {
  type: string;
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

const isNode = (value: unknown): value is AstNode =>
  value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';

/** `第 3 行第 5 列` (Handlebars columns are 0-based). */
const at = (node: AstNode): string => (node.loc ? `第 ${node.loc.start.line} 行第 ${node.loc.start.column + 1} 列` : '');

/**
 * Refuses what a section template has no business doing: reaching an
 * object's constructor or prototype, and including partials or decorators.
 * Walks every node of the parsed template.
 */
function checkTemplate(ast: unknown, file: string): void {
  const refuse = (node: AstNode, why: string): never => {
    throw new TemplateError(`模板 ${file} ${at(node)}：${why}`);
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isNode(value)) return;
    const node = value;
    switch (node.type) {
      case 'PartialStatement':
      case 'PartialBlockStatement':
        refuse(node, '模板中不能引用其他模板（{{> …}}），请把内容直接写在这个文件里');
        break;
      case 'Decorator':
      case 'DecoratorBlock':
        refuse(node, '模板中不能使用装饰器（{{* …}}）');
        break;
      case 'MustacheStatement':
      case 'BlockStatement':
      case 'SubExpression': {
        const name = (node.path as { original?: unknown } | undefined)?.original;
        if (name === 'log') refuse(node, '模板中不能使用 log（它会把内容打印到命令行）');
        break;
      }
      case 'PathExpression': {
        const forbidden = (node.parts as string[]).find((part) => FORBIDDEN_NAMES.has(part));
        if (forbidden) refuse(node, `不允许访问“${forbidden}”：模板只能使用报告数据中的字段和 xxgk 提供的 helper`);
        break;
      }
      case 'StringLiteral':
        // `{{lookup this "constructor"}}`: a literal key is as much a path as `this.constructor`.
        if (FORBIDDEN_NAMES.has(String(node.value))) {
          refuse(node, `不允许访问“${String(node.value)}”：模板只能使用报告数据中的字段和 xxgk 提供的 helper`);
        }
        break;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'loc' && key !== 'strip' && child !== null && typeof child === 'object') visit(child);
    }
  };
  visit(ast);
}

/** Handlebars' English messages, said in Chinese with the template's file and place. */
function explainRuntimeError(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const notDefined = /^"([^"]*)" not defined in .*? - (\d+):(\d+)/s.exec(message);
  if (notDefined) {
    const [, name, line, column] = notDefined;
    return `模板 ${file} 第 ${line} 行第 ${Number(column) + 1} 列：报告数据中没有“${name}”这一项（字段名写错了？可用的字段见默认模板 templates/）`;
  }
  const missingHelper = /^Missing helper: "?([^"]*)"?/.exec(message);
  if (missingHelper) return `模板 ${file}：不认识的 helper “${missingHelper[1]}”`;
  return `模板 ${file} 运行出错：${message.split('\n')[0]}`;
}

function explainParseError(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n');
  const line = /Parse error on line (\d+)/.exec(message)?.[1] ?? /line (\d+)/.exec(message)?.[1];
  const where = line ? `第 ${line} 行` : '';
  if (/doesn't match/.test(message)) {
    return `模板 ${file} ${where}语法错误：块的开头和结尾不配对，如 {{#if}} 要用 {{/if}} 结束（原文：${lines[0]}）`;
  }
  // Handlebars shows the offending source after the first line: “{{> /etc/passwd}}”.
  const excerpt = /^Parse error/.test(lines[0] ?? '') && lines[1] ? `，出错处：${lines[1].trim()}` : `（原文：${lines[0]}）`;
  return `模板 ${file} ${where}语法错误：{{ }} 里的写法不对，或 {{#if}}、{{#each}} 等块缺少结尾${excerpt}`;
}

function readTemplate(file: string): string {
  let bytes: Buffer;
  try {
    const info = statSync(file);
    if (!info.isFile()) throw new TemplateError(`模板 ${file} 不是普通文件`);
    if (info.size > MAX_TEMPLATE_BYTES) throw new TemplateError(`模板 ${file} 有 ${info.size} 字节，超过上限 ${MAX_TEMPLATE_BYTES} 字节`);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new TemplateError(
      code === 'EACCES' || code === 'EPERM' ? `没有权限读取模板 ${file}` : `无法读取模板 ${file}（${code ?? (error as Error).message}）`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new TemplateError(`模板 ${file} 不是 UTF-8 编码，请在编辑器中另存为 UTF-8`);
  }
}

/** Compile options of every section template. */
const COMPILE_OPTIONS = {
  // noEscape: the output is our line markup, not HTML; user text is made single-line beforehand.
  noEscape: true,
  // strict: a misspelt field in a user's template is an error, not a silently empty string.
  strict: true,
} as const;

/**
 * Checks a template and compiles it to the source of a Handlebars template
 * spec, as `npm run build` does for the default templates
 * (scripts/precompile-templates.mjs). Throws TemplateError like a render would.
 */
export function precompileTemplateSource(source: string, file: string): string {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source);
  } catch (error) {
    throw new TemplateError(explainParseError(error, file));
  }
  checkTemplate(ast, file);
  try {
    return Handlebars.precompile(ast, COMPILE_OPTIONS) as string;
  } catch (error) {
    throw new TemplateError(explainParseError(error, file));
  }
}

/**
 * Where the build puts the default templates, precompiled: path under
 * DEFAULT_TEMPLATES_DIR → source and spec. Used from src/ too once built:
 * an entry serves only while its template's text is unchanged.
 */
export const PRECOMPILED_TEMPLATES_FILE = packagePath('dist', 'compose', 'templates.precompiled.json');

const precompiledFiles = new Map<string, Map<string, { source: string; spec: string }> | null>();

function loadPrecompiled(file: string): Map<string, { source: string; spec: string }> | null {
  let templates = precompiledFiles.get(file);
  if (templates === undefined) {
    templates = null;
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { handlebars: string; templates: Record<string, { source: string; spec: string }> };
      if (data.handlebars === Handlebars.VERSION) templates = new Map(Object.entries(data.templates));
    } catch {
      // not built (running from src/, as the tests do): compile every template
    }
    precompiledFiles.set(file, templates);
  }
  return templates;
}

/**
 * The spec of a default template compiled at build time, when `file` is one
 * and its text is still the one compiled (an edited file is compiled afresh).
 * Compiling the section templates is most of a cold `xxgk build`'s
 * composition time; evaluating their specs takes a few milliseconds.
 */
function precompiledSpec(precompiledFile: string | false, file: string, source: string): TemplateSpecification | undefined {
  const templates = precompiledFile === false ? null : loadPrecompiled(precompiledFile);
  if (!templates) return undefined;
  const relative = path.relative(DEFAULT_TEMPLATES_DIR, file).split(path.sep).join('/');
  const entry = templates.get(relative);
  if (!entry || entry.source !== source) return undefined;
  // The spec is JavaScript that xxgk's own build wrote (scripts/precompile-templates.mjs).
  return new Function(`return ${entry.spec};`)() as TemplateSpecification;
}

export function createTemplateEnvironment(options: TemplateEnvironmentOptions = {}): TemplateEnvironment {
  const userDir = options.userTemplatesDir;
  if (userDir !== undefined) {
    const info = (() => {
      try {
        return statSync(userDir);
      } catch {
        return undefined;
      }
    })();
    if (!info) throw new TemplateError(`模板文件夹 ${userDir} 不存在`);
    if (!info.isDirectory()) throw new TemplateError(`--templates 应为模板文件夹，${userDir} 不是文件夹`);
  }

  const hb = Handlebars.create();
  registerHelpers(hb);
  // Handlebars would print its own (English) notices on the console, e.g. on denied prototype access; the user gets ours.
  hb.logger.level = 'silent' as unknown as number;
  const compiled = new Map<string, { template: Handlebars.TemplateDelegate; file: string }>();

  function locate(templates: FormatTemplates, section: string): string {
    const file = `${section}.hbs`;
    // The user's copy for this format, a flat copy in their folder, the shipped one; then the same for the base format.
    const candidates: string[] = [];
    for (let level: FormatTemplates | undefined = templates; level; level = level.base) {
      if (userDir) candidates.push(path.join(userDir, level.folder, file));
      if (userDir && level === templates) candidates.push(path.join(userDir, file));
      candidates.push(path.join(level.dir ?? path.join(DEFAULT_TEMPLATES_DIR, level.folder), file));
    }
    const found = candidates.find((candidate) => existsSync(candidate));
    if (!found) throw new TemplateError(`找不到模板文件 ${templates.folder}/${file}`);
    return found;
  }

  function compile(templates: FormatTemplates, section: string): { template: Handlebars.TemplateDelegate; file: string } {
    const cacheKey = `${templates.dir ?? templates.folder}\u0000${section}`;
    let entry = compiled.get(cacheKey);
    if (!entry) {
      const file = locate(templates, section);
      const source = readTemplate(file);
      // A default template as shipped was checked and compiled when xxgk was built: skip the compiler.
      const spec = precompiledSpec(options.precompiled ?? PRECOMPILED_TEMPLATES_FILE, file, source);
      if (spec) {
        entry = { template: hb.template(spec), file };
        compiled.set(cacheKey, entry);
        return entry;
      }
      let ast: hbs.AST.Program;
      try {
        ast = hb.parse(source);
      } catch (error) {
        throw new TemplateError(explainParseError(error, file));
      }
      checkTemplate(ast, file);
      try {
        entry = { template: hb.compile(ast, COMPILE_OPTIONS), file };
      } catch (error) {
        throw new TemplateError(explainParseError(error, file));
      }
      compiled.set(cacheKey, entry);
    }
    return entry;
  }

  return {
    render(templates, section, viewModel) {
      const { template, file } = compile(templates, section);
      try {
        return template(viewModel, {
          allowProtoPropertiesByDefault: false,
          allowProtoMethodsByDefault: false,
        });
      } catch (error) {
        throw new TemplateError(explainRuntimeError(error, file));
      }
    },
  };
}
