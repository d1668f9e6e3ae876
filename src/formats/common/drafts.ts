/**
 * Drafted sentences: a part the clerk left without text gets one sentence
 * drafted from the table numbers (二、三、四, and the information-fee
 * sentence of 六). The data file's `drafts:` switches them off per part; all
 * are on by default. The view models ask `draftGate` alone whether a part
 * gets its sentence, so every reason to draft nothing is decided in one place.
 */
import * as z from 'zod';

/** The parts that can get a drafted sentence, with what the schema says about each. */
const DRAFT_PARTS = {
  proactive: '二、主动公开政府信息情况：没有填写说明文字时，按表中数字生成一句（默认 true；写 false 则只印标题和表格）',
  requests: '三、收到和处理政府信息公开申请情况：没有填写说明文字时，按表中数字生成一句（默认 true；写 false 则只印标题和表格）',
  review_litigation:
    '四、政府信息公开行政复议、行政诉讼情况：没有填写说明文字时，按表中数字生成一句（默认 true；写 false 则只印标题和表格）',
  fee: '六、其他需要报告的事项：填了 fee 而正文没有提到信息处理费时，按 fee 写一句信息处理费收取情况（默认 true）',
} as const;

export type DraftPart = keyof typeof DRAFT_PARTS;

/** The `drafts:` key of a format whose parts `parts` can be drafted. */
export function draftsSchema<const K extends DraftPart>(parts: readonly K[]) {
  const shape = Object.fromEntries(parts.map((part) => [part, z.boolean().default(true).meta({ description: DRAFT_PARTS[part] })])) as Record<
    K,
    z.ZodDefault<z.ZodBoolean>
  >;
  const object = z.strictObject(shape);
  // Every key has its default, so an empty object is a complete input.
  return object
    .prefault({} as z.input<typeof object>)
    .meta({
      description:
        '自动生成的说明句：某部分没有填写说明文字时，xxgk 按表中数字生成一句；某部分写 false 即关闭（如 drafts: { requests: false }），不写的部分仍自动生成',
    });
}

/**
 * Which parts get a drafted sentence: those the data file leaves on, and none
 * when `reproducing` (a report reproduced as published gets nothing the
 * original did not have).
 */
export function draftGate<K extends DraftPart>(drafts: Readonly<Record<K, boolean>>, reproducing: boolean): Record<K, boolean> {
  return Object.fromEntries(Object.entries(drafts).map(([part, on]) => [part, on === true && !reproducing])) as Record<K, boolean>;
}
