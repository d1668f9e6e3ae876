/**
 * The neutral document model: what every emitter (DOCX, PDF, …) renders.
 * It knows nothing of format versions or report data; composition produces it
 * from the section templates, and emitters never look behind it.
 */
import type { BalanceRule } from '../tables/balances.js';
import type { TableGrid, ValueFormat } from '../tables/grid.js';

export interface TitleBlock {
  kind: 'title';
  /** One or more lines; a long title may be broken where the words allow (GB/T 9704 7.3.2). */
  lines: string[];
}

export interface HeadingBlock {
  kind: 'heading';
  /** 1: 一、 (黑体)  2: （一） (楷体)  3: 1. (仿宋)  4: （1） (仿宋). */
  level: 1 | 2 | 3 | 4;
  /** Full printed text including its number, e.g. “（一）主动公开”. */
  text: string;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  /** The text; after `lead` when there is one. */
  text: string;
  /**
   * A run-in heading (小标题 followed by its text in the same paragraph): the
   * paragraph starts with this heading, set in the heading face of its level
   * (楷体 for 2, 仿宋 for 3 and 4), then `text` in the body face. Body style only.
   */
  lead?: { level: 2 | 3 | 4; text: string };
  /**
   * Body paragraphs are justified with a two-character first-line indent; others are laid out as named.
   * `attachment` is an attachment label (附件标识, GB/T 9704-2012 7.4, spec §6.4): 3号 黑体 (the level-1
   * heading face), flush left with no indent, followed by one empty line, so that the attachment title
   * after it stands on the third line. It usually follows a page break.
   */
  style?: 'body' | 'center' | 'right' | 'flush-left' | 'attachment';
}

/** A value cell as composition resolved it: the number and its printed form. */
export interface ResolvedValue {
  value: number;
  text: string;
}

export interface TableBlock {
  kind: 'table';
  grid: TableGrid;
  /** One entry per value cell of the grid, keyed by `valueKey(cell.content.key)`. */
  values: ReadonlyMap<string, ResolvedValue>;
}

export interface SignatureBlock {
  kind: 'signature';
  /** Lines of the issuing organisation's name (one in the usual case). */
  names: string[];
  /** Formatted date, e.g. “2024年1月20日”; '' for a published report whose signature has no date (names only). */
  date: string;
}

export interface PageBreakBlock {
  kind: 'pageBreak';
}

export type Block = TitleBlock | HeadingBlock | ParagraphBlock | TableBlock | SignatureBlock | PageBreakBlock;

export interface DocumentMeta {
  /** The title as one string, for file names and document properties. */
  title: string;
  organization: string;
  /** 机关类别 (人民政府, 部门, …) when the format records it. */
  organizationLevel?: string;
  year: number;
  formatId: string;
  /** The format's mandating document, e.g. 国办公开办函〔2021〕30号 (for the XLSX 报告信息 sheet). */
  formatName: string;
  /** 成文日期 as an ISO date (2025-01-20); '' when the report has none (a published one may not). */
  signatureDate: string;
  /**
   * The information-processing fee (信息处理费) when the format records it and
   * the report states it: written to the XLSX 报告信息 sheet, so import and
   * aggregate keep it.
   */
  fee?: InformationFeeFacts;
  /** A report reproduced as published (`source: published`): recorded in the XLSX 报告信息 sheet, so import keeps it. */
  published?: boolean;
  /** Language tag written into the output, always zh-CN for these reports. */
  language: 'zh-CN';
}

export interface InformationFeeFacts {
  /** 收取信息处理费的申请件数. */
  count: number;
  /** 收取信息处理费总额, in 元. */
  amountYuan: number;
}

export interface ReportDocument {
  meta: DocumentMeta;
  blocks: Block[];
  /** The 勾稽 rules over the document's tables, as data (used by the XLSX 校验 sheet). */
  balances: BalanceRule[];
}

export function valueKey(key: readonly string[]): string {
  return key.join('.');
}

/**
 * Decimals for 万元 amounts: a fixed number (spec §3.7, default 2), or
 * `'as-given'` for a report reproduced as published: each amount keeps the
 * decimals it was written with (5949.088667 → 5949.088667, 7545 → 7545).
 */
export type WanDecimals = number | 'as-given';

/** The shortest fixed-point form of an amount (at most 10 decimals). */
function asGiven(value: number): string {
  for (let decimals = 0; decimals < 10; decimals++) {
    const text = value.toFixed(decimals);
    if (Number(text) === value) return text;
  }
  return value.toFixed(10);
}

export function formatValue(value: number, format: ValueFormat, wanDecimals: WanDecimals = 2): string {
  switch (format) {
    case 'count':
      return String(value);
    case 'wan':
      return wanDecimals === 'as-given' ? asGiven(value) : value.toFixed(wanDecimals);
    case 'signed':
      return value > 0 ? `增${value}` : value < 0 ? `减${-value}` : '0';
  }
}
