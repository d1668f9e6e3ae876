/**
 * What the XLSX emitter writes and the importer reads back, outside the table
 * grids (which come from the format): the names and labels of the extra
 * sheets. Defined once here so the two sides cannot drift apart.
 */

/** The sheet with the report's facts (spec §6.8). */
export const INFO_SHEET = '报告信息';
/** The sheet listing every 勾稽 rule with a live check. */
export const CHECK_SHEET = '校验';
/** Aggregation: one row per unit, one column per table cell. */
export const DETAIL_SHEET = '明细';
/** Aggregation: every unit's diagnostics. */
export const PROBLEM_SHEET = '问题清单';

/** Labels in column A of 报告信息; the value is in column B of the same row. */
export const INFO_LABELS = {
  organization: '机关名称',
  level: '机关类别',
  year: '报告年度',
  formatId: '格式版本',
  formatName: '编制依据',
  signatureDate: '成文日期',
  signatureName: '落款署名',
  title: '报告标题',
  /** Written only when the report states the information-processing fee (the data file's `fee`, in the formats that have one). */
  feeCount: '收取信息处理费件数',
  feeAmountYuan: '收取信息处理费金额（元）',
  /** Written only for a report reproduced as published (`source: published`), with PUBLISHED_SOURCE as its value. */
  source: '数据来源',
} as const;

/** The 数据来源 of a report reproduced as published; import reads it back as `source: published`. */
export const PUBLISHED_SOURCE = '按已发布的原文重现';

export const INFO_HEADER = ['项目', '内容'] as const;
