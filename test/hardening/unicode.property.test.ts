/**
 * Property: any Unicode a clerk can paste into names, headings and paragraphs
 * (rare CJK, emoji sequences, XML specials, text that looks like markup or a
 * formula, every kind of line break) that the schema accepts
 *
 * - never starts a markup directive of its own (the six parts stay six),
 * - yields a DOCX whose every XML part is well-formed (and holds no character
 *   XML 1.0 forbids) with each paragraph's text intact,
 * - yields an XLSX whose every XML part is well-formed, with the names as text,
 * - and (a seeded subset) a PDF from which every paragraph's text can be
 *   extracted again — except characters no font has, which are reported.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { createTemplateEnvironment } from '../../src/compose/environment.js';
import { splitParagraphs } from '../../src/text/paragraphs.js';
import type { Block } from '../../src/document/model.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts, type ResolvedFonts } from '../../src/fonts/resolve.js';
import type { FormatDefinition } from '../../src/formats/format.js';
import { renderDocx } from '../../src/render/docx.js';
import { renderPdf } from '../../src/render/pdf.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { hasErrors, validateReportText } from '../../src/validate/index.js';
import { unicodeText, v2021Arbitrary, type ReportData } from '../helpers/arbitrary-reports.js';
import { bodyParagraphs, openDocx, textOf } from '../helpers/docx-xml.js';
import { PROPERTY_SEED, UNICODE_RUNS } from './support/config.js';
import { malformedParts, pdfExtractedText } from './support/read-back.js';

const templates = createTemplateEnvironment();
let fonts: ResolvedFonts;
beforeAll(() => {
  fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
});

type Narrative = Record<string, (string | { heading: string; body?: unknown[] })[]>;

/** Every paragraph and heading text the user wrote, as composition must print it (one line each). */
function userParagraphs(data: ReportData): string[] {
  const texts: string[] = [];
  const walk = (blocks: readonly unknown[]) => {
    for (const block of blocks) {
      if (typeof block === 'string') texts.push(...splitParagraphs(block));
      else if (block && typeof block === 'object') {
        const { heading, body } = block as { heading: string; body?: unknown[] };
        texts.push(splitParagraphs(heading).join(''));
        walk(body ?? []);
      }
    }
  };
  for (const blocks of Object.values(data.narrative as Narrative)) walk(blocks);
  return texts.filter((text) => text.length > 0);
}

const report = v2021Arbitrary({ text: unicodeText });

function compose(data: ReportData) {
  const validation = validateReportText(JSON.stringify(data), 'report.json');
  expect(validation.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  expect(hasErrors(validation.diagnostics)).toBe(false);
  return composeReport(validation.report, validation.format as FormatDefinition<unknown>, { templates });
}

const headings = (blocks: readonly Block[], level: number) => blocks.filter((block) => block.kind === 'heading' && block.level === level);

/**
 * Whitespace differs between what is written and what a reader extracts (line
 * ends, justification), invisible joiners (the ZWJ of 👨‍👩‍👧) draw nothing, and
 * pdfjs hands out compatibility characters (ﬁ, presentation forms)
 * decomposed: compare NFKC-normalised, without whitespace and ignorables.
 */
const squeeze = (text: string) => text.normalize('NFKC').replace(/[\s\p{Default_Ignorable_Code_Point}]+/gu, '');

describe('random Unicode in names and narrative', () => {
  it(`${UNICODE_RUNS} reports: no injected directive; DOCX and XLSX well-formed with the text intact`, async () => {
    await fc.assert(
      fc.asyncProperty(report, async (data) => {
        const document = compose(data);
        // Six parts, whatever the text: user text never becomes a directive (@h1 …) of its own.
        expect(headings(document.blocks, 1)).toHaveLength(6);

        const docx = await renderDocx(document);
        expect(await malformedParts(docx)).toEqual([]);
        const pkg = await openDocx(docx);
        const body = bodyParagraphs(pkg).map(textOf).join('\n');
        for (const paragraph of userParagraphs(data)) expect(body).toContain(paragraph);

        const xlsx = await renderXlsx(document);
        expect(await malformedParts(xlsx)).toEqual([]);
      }),
      { numRuns: UNICODE_RUNS, seed: PROPERTY_SEED + 11, endOnFailure: true },
    );
  }, 600_000);

  it(`${Math.ceil(UNICODE_RUNS / 10)} reports: the PDF's text extracts again (characters without any font are reported)`, async () => {
    await fc.assert(
      fc.asyncProperty(report, async (data) => {
        const result = await renderPdf(compose(data), { fonts, creationDate: new Date('2025-01-20T00:00:00Z') });
        const missing = new Set(
          result.warnings.flatMap((warning) => (warning.code === 'FONT-MISSING-GLYPHS' ? warning.characters.map((c) => c.char) : [])),
        );
        // A character without a font is printed as an empty box (.notdef), which extracts as U+0000: compare without them.
        const withoutMissing = (text: string) => squeeze([...text].filter((character) => !missing.has(character) && character !== '\u0000').join(''));
        const extracted = withoutMissing(await pdfExtractedText(result.bytes));
        for (const paragraph of userParagraphs(data)) {
          const printable = withoutMissing(paragraph);
          // Extraction may split a line between pages or lines: compare as one stream, paragraph by paragraph.
          expect(extracted).toContain(printable);
        }
      }),
      { numRuns: Math.ceil(UNICODE_RUNS / 10), seed: PROPERTY_SEED + 12, endOnFailure: true },
    );
  }, 600_000);
});
