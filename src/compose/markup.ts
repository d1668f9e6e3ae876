/**
 * The line markup that section templates write, and its parser into document
 * blocks. One directive per line:
 *
 *   @title 文字          a title line (consecutive lines form one title)
 *   @h1 … @h4 文字        headings of levels 1–4 (text includes its number)
 *   @run2 … @run4 标题␟文字  a run-in heading: one body paragraph that starts with the
 *                        heading of that level (in its font) and goes on with the text;
 *                        ␟ is U+001F (RUN_IN_SEPARATOR), which user text never contains
 *   @p 文字              a body paragraph (a line without a directive is one too)
 *   @center / @right / @flush 文字   paragraphs laid out otherwise
 *   @attachment 文字     an attachment label (附件2): 黑体, flush left, an empty line after it
 *   @table ID            one of the format's tables, by its id (t1, t2, t3)
 *   @signature-name 文字  a line of the signing organisation (repeatable)
 *   @signature-date 文字  the date under it; closes the signature block (without text:
 *                        a signature of names only; without names either: nothing)
 *   @pagebreak
 *
 * Blank lines are ignored. User text always arrives as a single line (see
 * text.ts), so it can never start a directive of its own.
 */
import type { Block, ParagraphBlock } from '../document/model.js';
import { RUN_IN_SEPARATOR } from './narrative.js';

export class TemplateMarkupError extends Error {}

export interface MarkupContext {
  /** Resolves `@table ID` to a table block. */
  table(id: string): Block;
  /** Names the template the markup came from, for error messages. */
  source: string;
}

const PARAGRAPH_STYLES: Record<string, ParagraphBlock['style']> = {
  p: 'body',
  center: 'center',
  right: 'right',
  flush: 'flush-left',
  attachment: 'attachment',
};

export function parseMarkup(markup: string, context: MarkupContext): Block[] {
  const blocks: Block[] = [];
  let pendingSignatureNames: string[] = [];
  const lines = markup.split('\n');
  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '') return;
    const match = /^@([a-z0-9-]+)(?:\s+(.*))?$/.exec(line);
    if (!match) {
      blocks.push({ kind: 'paragraph', text: line, style: 'body' });
      return;
    }
    const directive = match[1]!;
    const rest = (match[2] ?? '').trim();
    const fail = (why: string): never => {
      throw new TemplateMarkupError(`模板 ${context.source} 第 ${index + 1} 行：${why}`);
    };
    switch (directive) {
      case 'title': {
        const last = blocks.at(-1);
        if (last?.kind === 'title') last.lines.push(rest);
        else blocks.push({ kind: 'title', lines: [rest] });
        return;
      }
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
        if (!rest) fail(`@${directive} 后面缺少标题文字`);
        blocks.push({ kind: 'heading', level: Number(directive[1]) as 1 | 2 | 3 | 4, text: rest });
        return;
      case 'run2':
      case 'run3':
      case 'run4': {
        const at = rest.indexOf(RUN_IN_SEPARATOR);
        const lead = at < 0 ? '' : rest.slice(0, at).trim();
        const text = at < 0 ? '' : rest.slice(at + RUN_IN_SEPARATOR.length).trim();
        if (!lead || !text) fail(`@${directive} 后面应为“小标题␟正文”（␟ 为 U+001F），小标题和正文都不能为空`);
        blocks.push({ kind: 'paragraph', text, style: 'body', lead: { level: Number(directive[3]) as 2 | 3 | 4, text: lead } });
        return;
      }
      case 'table':
        blocks.push(context.table(rest));
        return;
      case 'signature-name':
        pendingSignatureNames.push(rest);
        return;
      case 'signature-date':
        // A published report may have no signature: an empty date with no names prints nothing.
        if (pendingSignatureNames.length === 0 && rest === '') return;
        if (pendingSignatureNames.length === 0) fail('@signature-date 之前缺少 @signature-name');
        blocks.push({ kind: 'signature', names: pendingSignatureNames, date: rest });
        pendingSignatureNames = [];
        return;
      case 'pagebreak':
        blocks.push({ kind: 'pageBreak' });
        return;
      default: {
        const style = PARAGRAPH_STYLES[directive];
        if (!style) fail(`不认识的指令 @${directive}`);
        // A directive with no text (e.g. an empty optional field) yields no paragraph.
        if (rest) blocks.push({ kind: 'paragraph', text: rest, style });
      }
    }
  });
  if (pendingSignatureNames.length > 0) {
    throw new TemplateMarkupError(`模板 ${context.source}：@signature-name 之后缺少 @signature-date`);
  }
  return blocks;
}
