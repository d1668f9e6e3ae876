/**
 * Publication deadlines (rule G-07): the types every format's rule context
 * shares, and the statutory dates under the 2019 regulation.
 */
import type { organizationLevels } from './schema-parts.js';

export type OrganizationLevel = (typeof organizationLevels)[number];

/** A month and day in year Y+1 by which the report of year Y must be published. */
export interface MonthDay {
  month: number;
  day: number;
}

export interface Deadline extends MonthDay {
  /** Why this date, for the message. */
  reason: string;
}

/**
 * Publication deadlines by organisation level under the 2019 regulation
 * (spec §2, 条例第四十九条): 部门 by 1-31, 人民政府 (county level and above) by
 * 3-31. 乡镇街道 and 其他 are set locally (e.g. 怀化: 乡镇 by 2-20); they
 * default to 3-31, the latest statutory date, so that only clearly late
 * reports are flagged. Override through the `deadlines` option.
 */
export const STATUTORY_DEADLINES: Readonly<Record<OrganizationLevel, Deadline>> = {
  部门: { month: 1, day: 31, reason: '条例第四十九条：县级以上人民政府部门应在每年 1 月 31 日前公布上一年度年报' },
  人民政府: { month: 3, day: 31, reason: '条例第四十九条：县级以上地方人民政府的年报应在每年 3 月 31 日前公布' },
  乡镇街道: { month: 3, day: 31, reason: '乡镇街道年报的时限由各地规定，默认按 3 月 31 日检查，可通过 deadlines 设置' },
  其他: { month: 3, day: 31, reason: '该类机关年报的时限由各地规定，默认按 3 月 31 日检查，可通过 deadlines 设置' },
};

