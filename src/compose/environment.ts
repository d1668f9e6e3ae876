/**
 * The Handlebars environment the section templates run in: an isolated
 * instance (no global registrations), the numbering and wording helpers, and a
 * cache of compiled templates. Create one per process or worker and pass it to
 * `composeReport`; nothing here touches the file system except reading the
 * template files themselves.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { chineseDate, chineseNumber, formatWan, formatYuan, headingNumber } from './numbering.js';
import { flattenNarrative } from './narrative.js';

/** The templates shipped with xxgk: `<package>/templates`. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export class TemplateError extends Error {}

export interface TemplateEnvironmentOptions {
  /** A folder with the user's copies of some or all section templates; missing files fall back to the defaults. */
  userTemplatesDir?: string;
}

export interface TemplateEnvironment {
  /** Renders `<folder>/<section>.hbs` with the view model; returns the line markup. */
  render(folder: string, section: string, viewModel: unknown): string;
}

function registerHelpers(hb: typeof Handlebars): void {
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

export function createTemplateEnvironment(options: TemplateEnvironmentOptions = {}): TemplateEnvironment {
  const hb = Handlebars.create();
  registerHelpers(hb);
  const compiled = new Map<string, Handlebars.TemplateDelegate>();

  function locate(folder: string, section: string): string {
    const file = `${section}.hbs`;
    const candidates = options.userTemplatesDir
      ? [path.join(options.userTemplatesDir, folder, file), path.join(options.userTemplatesDir, file)]
      : [];
    candidates.push(path.join(DEFAULT_TEMPLATES_DIR, folder, file));
    const found = candidates.find((candidate) => existsSync(candidate));
    if (!found) throw new TemplateError(`找不到模板文件 ${folder}/${file}`);
    return found;
  }

  function compile(folder: string, section: string): Handlebars.TemplateDelegate {
    const cacheKey = `${folder}/${section}`;
    let template = compiled.get(cacheKey);
    if (!template) {
      const file = locate(folder, section);
      try {
        // noEscape: the output is our line markup, not HTML; user text is made single-line beforehand.
        // strict: a misspelt field in a user's template is an error, not a silently empty string.
        template = hb.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: true });
        compiled.set(cacheKey, template);
      } catch (error) {
        throw new TemplateError(`模板 ${file} 无法读取或编译：${(error as Error).message}`);
      }
    }
    return template;
  }

  return {
    render(folder, section, viewModel) {
      const template = compile(folder, section);
      try {
        return template(viewModel, {
          allowProtoPropertiesByDefault: false,
          allowProtoMethodsByDefault: false,
        });
      } catch (error) {
        throw new TemplateError(`模板 ${folder}/${section}.hbs 运行出错：${(error as Error).message}`);
      }
    },
  };
}
