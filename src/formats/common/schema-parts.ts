/**
 * Schema building blocks shared by every format version: counts, amounts,
 * narrative text, organisation and signature. Each format's own schema
 * composes these with its tables.
 */
import * as z from 'zod';

/**
 * C0 controls other than tab/newline/carriage return, DEL, the C1 controls
 * (U+0080–U+009F, what text decoded with the wrong code page carries) and
 * non-characters: none can be stored in DOCX XML or printed.
 */
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/u;
/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E,
 * U+2066–U+2069): invisible, they make text display in another order than it
 * is written (“Trojan Source”), so a printed figure or name could read other
 * than the data says. The implicit marks U+200E/U+200F/U+061C are allowed.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** Unpaired UTF-16 surrogates are not text: no font or XML file can carry them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/**
 * The longest text one field may hold (a paragraph, or a section written as
 * one block with blank lines between its paragraphs). A whole annual report
 * is 5 000–30 000 characters; 50 000 in one field is a paste gone wrong, and
 * refusing it keeps every output within seconds.
 */
export const MAX_TEXT_LENGTH = 50_000;

const code = (character: string): string => character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

export function describeForbiddenCharacter(text: string): string | undefined {
  const control = FORBIDDEN_CONTROL.exec(text);
  if (control) return `含有不可见的控制字符 U+${code(control[0])}（第 ${control.index + 1} 个字符处），请删除后重试`;
  const bidi = BIDI_CONTROL.exec(text);
  if (bidi) {
    return (
      `含有看不见的文字方向控制字符 U+${code(bidi[0])}（第 ${bidi.index + 1} 个字符处），它会让文字显示的顺序与实际内容不一致，` +
      '请删除后重试（可在编辑器中把这一行删掉重新输入）'
    );
  }
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return `含有残缺的字符编码（第 ${surrogate.index + 1} 个字符处），请重新输入该处文字`;
  return undefined;
}

/**
 * A key written with nothing after it (`contact:` whose lines are all
 * commented out) is YAML null; for optional groups that means “use the default”.
 */
export function emptyAsDefault<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null ? undefined : value), schema);
}

/** Free text typed by a clerk: any Unicode (rare CJK, emoji, & < >) but no control characters, and not absurdly long. */
export const text = z.string().superRefine((value, ctx) => {
  if (value.length > MAX_TEXT_LENGTH) {
    ctx.addIssue({
      code: 'custom',
      message:
        `有 ${value.length.toLocaleString('en-US')} 个字符，超过一项文字的上限 ${MAX_TEXT_LENGTH.toLocaleString('en-US')} 个字符` +
        '（整份年度报告通常只有几千到几万字）；请检查是否误粘贴了大量内容，或把这段文字分成几段',
    });
    return;
  }
  const problem = describeForbiddenCharacter(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const requiredText = text.refine((value) => value.trim().length > 0, { error: '不能为空' });

/** A whole number of items (件、条、次): never negative, never fractional, never text. */
export const count = z.number().int().nonnegative().meta({ description: '非负整数（件数）' });

/** A signed whole number (the 2019 format's 本年增/减). */
export const signedCount = z.number().int().meta({ description: '整数，增加为正、减少为负' });

/**
 * An amount in 万元. Stored as the user wrote it; at most 4 decimals because
 * 0.0001 万元 is one 元, the smallest amount an office records.
 */
export const amountWan = z
  .number()
  .nonnegative()
  .refine((value) => Number.isFinite(value) && Math.abs(value * 10000 - Math.round(value * 10000)) < 1e-6, {
    error: '金额以万元为单位，最多保留 4 位小数（0.0001 万元即 1 元）',
  })
  .meta({ description: '金额，单位万元，最多 4 位小数（0.0001 万元 = 1 元）' });

/** Decimals of a finite number as written in the shortest form (0 for whole numbers), up to `max` + 1. */
export function decimalsOf(value: number, max = 6): number {
  for (let decimals = 0; decimals <= max; decimals++) if (Number(value.toFixed(decimals)) === value) return decimals;
  return max + 1;
}

/** The message of an amount in 万元 with more than 4 decimals in a report being written. */
export const AMOUNT_WAN_DECIMALS_MESSAGE = '金额以万元为单位，最多保留 4 位小数（0.0001 万元即 1 元）';

/**
 * An amount in 万元 that a published report may have printed with up to 6
 * decimals (平潭 printed 5949.088667 万元). The schema accepts 6; a report
 * being written is held to 4 by `checkAmountDecimals` (the report's schema
 * knows whether it is published).
 */
export const amountWanAsPrinted = z
  .number()
  .nonnegative()
  .refine((value) => Number.isFinite(value) && decimalsOf(value) <= 6, {
    error: '金额以万元为单位，最多保留 4 位小数（0.0001 万元即 1 元）；按已发布的原文重现（source: published）时最多 6 位',
  })
  .meta({ description: '金额，单位万元，最多 4 位小数（0.0001 万元 = 1 元）；source: published 时照原文最多 6 位，输出时保留原文的小数位数' });

/**
 * For a report being written (not `source: published`): every amount at
 * `paths` has at most 4 decimals, reported as the schema reports it (G-03).
 */
export function checkAmountDecimals(report: { source?: string | undefined }, paths: readonly (readonly string[])[], ctx: z.RefinementCtx): void {
  if (!isRecord(report) || report.source === 'published') return;
  for (const path of paths) {
    const value = path.reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), report);
    // More than 6 decimals, negative or not a number: the amount's own check says so.
    const decimals = typeof value === 'number' && Number.isFinite(value) && value >= 0 ? decimalsOf(value) : 0;
    if (decimals > 4 && decimals <= 6) {
      ctx.addIssue({ code: 'custom', path: [...path], message: AMOUNT_WAN_DECIMALS_MESSAGE, input: value });
    }
  }
}

/** An amount in 元 with at most 2 decimals (分). */
export const amountYuan = z
  .number()
  .nonnegative()
  .refine((value) => Number.isFinite(value) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, {
    error: '金额以元为单位，最多保留 2 位小数',
  })
  .meta({ description: '金额，单位元，最多 2 位小数' });

/** ISO calendar date, written as 2024-01-20 in the data file. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期应写作 2024-01-20 的形式（年-月-日）' })
  .refine((value) => {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, { error: '不是一个真实存在的日期' })
  .meta({ description: '日期，写作 2024-01-20' });

export const reportYear = z.number().int().min(2008).max(2100).meta({ description: '报告年度（统计期限为该年 1 月 1 日至 12 月 31 日）' });

export const organizationLevels = ['人民政府', '部门', '乡镇街道', '其他'] as const;

export const organization = z
  .strictObject({
    name: requiredText.meta({ description: '机关全称，如“某某市某某区人民政府”' }),
    level: z.enum(organizationLevels).meta({
      description: '机关类别：人民政府（县级以上地方人民政府本级）、部门（政府工作部门）、乡镇街道、其他',
    }),
    department: text.optional().meta({ description: '负责政府信息公开日常工作的机构，如“区政府办公室”' }),
    website: text.optional().meta({ description: '门户网站地址' }),
    download_url: text.optional().meta({ description: '本报告电子版的下载或查阅地址' }),
    contact: emptyAsDefault(
      z
      .strictObject({
        address: text.optional().meta({ description: '通信地址' }),
        postcode: z.string().regex(/^\d{6}$/, { error: '邮政编码应为 6 位数字' }).optional().meta({ description: '邮政编码（6 位数字）' }),
        phone: text.optional().meta({ description: '联系电话' }),
        fax: text.optional().meta({ description: '传真' }),
        email: text.optional().meta({ description: '电子邮箱' }),
      })
      .default({})
      .meta({ description: '联系方式（写入导语）' }),
    ),
  })
  .meta({ description: '编制报告的机关' });

export const signature = z
  .strictObject({
    name: text.optional().meta({ description: '落款署名；不填时用机关全称' }),
    date: isoDate.meta({ description: '成文日期，写作 2024-01-20，输出为“2024年1月20日”' }),
  })
  .meta({ description: '落款' });

/**
 * The signature of the six-part formats: required with its date for a report
 * being written (`requireSignature`), optional in both parts for a report
 * reproduced as published (one printed without a 落款 gets none).
 */
export const signatureAsPrinted = z
  .strictObject({
    name: text.optional().meta({ description: '落款署名；不填时用机关全称' }),
    date: isoDate.optional().meta({ description: '成文日期，写作 2024-01-20，输出为“2024年1月20日”（source: published 时原报告没有日期可不写）' }),
  })
  .meta({ description: '落款（source: published 时原报告没有落款可不写）' });

/**
 * Options for the report-level checks below: they run even when other parts
 * of the report fail the schema (`when`), so one run lists every problem as
 * before; each check therefore looks only at values of the right type.
 */
export const ALWAYS_CHECK = { when: () => true } as const;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Today's messages for a missing signature or date, for a report that is not `source: published`. */
export function requireSignature(report: { source?: string | undefined; signature?: { date?: string | undefined } | undefined }, ctx: z.RefinementCtx): void {
  if (!isRecord(report) || report.source === 'published') return;
  if (report.signature === undefined) ctx.addIssue({ code: 'invalid_type', expected: 'object', path: ['signature'], input: undefined });
  else if (isRecord(report.signature) && report.signature.date === undefined) {
    ctx.addIssue({ code: 'invalid_type', expected: 'string', path: ['signature', 'date'], input: undefined });
  }
}

/** The report's own title (string, or a list of printed lines); the generated title when absent. */
export const reportTitleText = z
  .union([requiredText, z.array(requiredText).min(1)])
  .meta({
    description: '报告标题，照原文写，须含报告年度（如“2023年”或“2023年度”）；写成列表时每项为一行。不写时按 title_order 生成',
  });

/** A title written in the data file names the report year (“2023年”, “2023年度”). */
export function checkTitleYear(report: { year: number; title?: string | readonly string[] | undefined }, ctx: z.RefinementCtx): void {
  if (!isRecord(report) || typeof report.year !== 'number') return;
  const title: unknown = report.title;
  const lines = typeof title === 'string' ? [title] : Array.isArray(title) && title.every((line) => typeof line === 'string') ? (title as string[]) : undefined;
  if (!lines || lines.join('').trim() === '') return;
  const whole = lines.join('');
  if (whole.replace(/\s+/gu, '').includes(`${report.year}年`)) return;
  ctx.addIssue({
    code: 'custom',
    path: ['title'],
    message: `标题中没有报告年度“${report.year}年”（可写作“${report.year}年”或“${report.year}年度”），请照原文核对标题或 year`,
    input: report.title,
  });
}

/**
 * Narrative content: a paragraph is a string; a sub-part is a heading with its
 * own content. Sub-part headings are numbered by depth when the report is
 * composed: （一） for the first level under a part, then 1. and （1）.
 */
export type NarrativeBlock = string | { heading: string; text?: string; body?: NarrativeBlock[] };

export const narrativeBlock: z.ZodType<NarrativeBlock> = z.lazy(() =>
  z.union([
    text,
    z
      .strictObject({
        heading: requiredText.meta({ description: '小标题（不含序号，序号自动生成），照原文写，包括末尾的标点' }),
        text: text.optional().meta({
          description: '紧接在小标题后、与小标题同一段的正文（小标题用标题字体，正文用正文字体）；小标题单独成行时不写，正文写在 body 里',
        }),
        body: z.array(narrativeBlock).optional().meta({ description: '小标题下的段落或下一级小标题' }),
      })
      .superRefine((block, ctx) => {
        if (block.text !== undefined && block.text.trim() === '') {
          ctx.addIssue({
            code: 'custom',
            path: ['text'],
            message: `小标题“${block.heading.trim()}”后的正文为空：要把小标题单独成行，请删去 text，正文写在 body 里`,
            input: block.text,
          });
        }
      }),
  ]),
);

export const narrativePart = emptyAsDefault(z.array(narrativeBlock).default([]));

/** Information-processing fee charged under 国办函〔2020〕109号 (part 六). */
export const informationFee = z
  .strictObject({
    count: count.meta({ description: '收取信息处理费的申请件数' }),
    amount_yuan: amountYuan.meta({ description: '收取信息处理费总额，单位元' }),
  })
  .meta({ description: '信息处理费（写入“六、其他需要报告的事项”）' });
