/**
 * Drafted sentences (parts 二、三、四 and the fee sentence of 六): on by
 * default, off per part with `drafts:`, and drawn from the component cells so
 * that a wrong typed total cannot make a sentence contradict the table.
 * Asserted on the DOCX and PDF text.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { prepareBuild } from '../../src/build.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts, type ResolvedFonts } from '../../src/fonts/resolve.js';
import { inspectPdf, linesOf } from '../fonts/support/pdf-inspect.js';
import { tempDir } from '../helpers/cli.js';
import { bodyParagraphs, openDocx, tables, textOf } from '../helpers/docx-xml.js';
import { SAMPLE_PATH } from '../helpers/sample.js';

const SENTENCES = {
  proactive: '主动公开政府信息情况如下表。',
  requests: '本机关新收政府信息公开申请63件',
  review_litigation: '本机关因政府信息公开工作被申请行政复议4件',
  fee: '本机关未收取信息处理费。',
} as const;
type Part = keyof typeof SENTENCES;
const PARTS = Object.keys(SENTENCES) as Part[];

const HEADINGS: Record<Part, string> = {
  proactive: '二、主动公开政府信息情况',
  requests: '三、收到和处理政府信息公开申请情况',
  review_litigation: '四、政府信息公开行政复议、行政诉讼情况',
  fee: '六、其他需要报告的事项',
};

let fonts: ResolvedFonts;
let sample: string;
beforeAll(async () => {
  fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
  sample = await readFile(SAMPLE_PATH, 'utf8');
});

function edited(edits: readonly (readonly [readonly string[], unknown])[]): string {
  const document = parseDocument(sample);
  for (const [at, value] of edits) document.setIn(at, value);
  return document.toString();
}

/** Builds DOCX and PDF from data text; returns the DOCX body paragraphs, its table count and the PDF's text. */
async function build(text: string, force = false) {
  const folder = await tempDir();
  const input = path.join(folder, 'report.yaml');
  await writeFile(input, text);
  const result = await prepareBuild(input, { outputs: ['docx', 'pdf'], out: folder, force, pdf: { fonts } });
  expect(result.refused).toBeUndefined();
  const docx = await openDocx(result.outputs[0]!.bytes);
  const paragraphs = bodyParagraphs(docx).map(textOf);
  const pdf = linesOf(await inspectPdf(result.outputs[1]!.bytes))
    .map((line) => line.text)
    .join('');
  return { paragraphs, tableCount: tables(docx).length, pdf, diagnostics: result.diagnostics };
}

describe('drafted sentences', () => {
  it('are written for every part without text by default', async () => {
    const { paragraphs, pdf } = await build(sample);
    for (const part of PARTS) {
      expect(paragraphs.some((p) => p.includes(SENTENCES[part])), part).toBe(true);
      expect(pdf, part).toContain(SENTENCES[part]);
    }
  });

  it.each(PARTS)('drafts.%s: false leaves that part with its heading and table only', async (part) => {
    const { paragraphs, tableCount, pdf } = await build(edited([[['drafts', part], false]]));
    expect(paragraphs.some((p) => p.includes(SENTENCES[part]))).toBe(false);
    expect(pdf).not.toContain(SENTENCES[part]);
    // The heading is followed directly by its table (or, for 六, by the next heading or the signature).
    const heading = paragraphs.indexOf(HEADINGS[part]);
    expect(heading).toBeGreaterThan(-1);
    expect(pdf).toContain(HEADINGS[part]);
    if (part !== 'fee') {
      expect(paragraphs[heading + 1]).not.toMatch(/^\d{4}年，本机关/);
      expect(tableCount).toBe(3);
    }
    for (const other of PARTS.filter((candidate) => candidate !== part)) {
      expect(paragraphs.some((p) => p.includes(SENTENCES[other])), other).toBe(true);
    }
  });

  it('all parts off at once', async () => {
    const { paragraphs, pdf } = await build(edited(PARTS.map((part) => [['drafts', part], false] as const)));
    for (const part of PARTS) {
      expect(paragraphs.some((p) => p.includes(SENTENCES[part])), part).toBe(false);
      expect(pdf).not.toContain(SENTENCES[part]);
    }
  });

  it('text the clerk wrote is printed whatever drafts says', async () => {
    const { paragraphs } = await build(
      edited([
        [['drafts', 'requests'], false],
        [['narrative', 'requests'], ['本年度依申请公开工作平稳有序。']],
      ]),
    );
    expect(paragraphs).toContain('本年度依申请公开工作平稳有序。');
    expect(paragraphs.some((p) => p.includes(SENTENCES.requests))).toBe(false);
  });

  it('an empty paragraph still silences a part, as before drafts: existed', async () => {
    const { paragraphs } = await build(edited([[['narrative', 'proactive'], ['']]]));
    expect(paragraphs.some((p) => p.includes(SENTENCES.proactive))).toBe(false);
    expect(paragraphs.some((p) => p.includes(SENTENCES.requests))).toBe(true);
  });

  it('a misspelt drafts key is refused with a message naming it', async () => {
    const folder = await tempDir();
    const input = path.join(folder, 'report.yaml');
    await writeFile(input, edited([[['drafts', 'review'], false]]));
    const result = await prepareBuild(input, { outputs: ['docx'], out: folder });
    expect(result.refused).toBe('unusable');
    const problem = result.diagnostics.find((d) => d.path.join('.') === 'drafts.review');
    expect(problem?.severity).toBe('error');
    expect(problem?.message).toContain('review');
  });

  it('part 四 reads the component cells: a wrong 总计 under --force does not make it say “未发生”', async () => {
    const zeroTotals = ['rv', 'lit_direct', 'lit_after'].flatMap((group) =>
      ['keep', 'correct', 'other', 'pending', 'total'].map((result) => [['tables', 'review_litigation', `${group}_${result}`], 0] as const),
    );
    const { paragraphs, pdf, diagnostics } = await build(
      edited([...zeroTotals, [['tables', 'review_litigation', 'rv_correct'], 16]]),
      true,
    );
    expect(diagnostics.map((d) => [d.code, d.path.join('.')])).toContainEqual(['V21-T3-01', 'tables.review_litigation.rv_total']);
    const sentence = '本机关因政府信息公开工作被申请行政复议16件、被提起行政诉讼0件，其中结果纠正16件。';
    expect(paragraphs.some((p) => p.includes(sentence))).toBe(true);
    expect(pdf).toContain(sentence);
    // The sentence for a year without cases (the sample's other parts say 未发生 about other things).
    const none = '未发生因政府信息公开工作被申请行政复议或提起行政诉讼的情况';
    expect(paragraphs.filter((p) => p.includes(none))).toEqual([]);
    expect(pdf).not.toContain(none);
  });

  it('part 三 reads the component cells: a wrong 总计 under --force does not change its figures', async () => {
    const { paragraphs, diagnostics } = await build(
      edited([
        [['tables', 'requests', 'new', 'tot'], 0],
        [['tables', 'requests', 'total', 'tot'], 0],
        [['tables', 'requests', 'granted', 'tot'], 99],
      ]),
      true,
    );
    expect(diagnostics.some((d) => d.path.join('.') === 'tables.requests.granted.tot' && d.severity === 'error')).toBe(true);
    const sentence = paragraphs.find((p) => p.includes('本机关新收政府信息公开申请'));
    expect(sentence).toContain('本机关新收政府信息公开申请63件');
    expect(sentence).toContain('本年度办理完毕63件，其中予以公开26件');
  });
});
