/**
 * DOCX as an office suite writes it, not only as xxgk does: xxgk's DOCX
 * re-saved by LibreOffice (its own styles, runs split at every script change,
 * vMerge/gridSpan of its own), and xxgk's HTML page opened in LibreOffice
 * Writer and saved as DOCX (headings from <h1>–<h4>, tables from rowspan and
 * colspan). Each is extracted and gives back the data that built it: every
 * table number in its cell, the title, every heading and paragraph. Skipped
 * where LibreOffice is not installed — except under CI, where that fails.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/index.js';
import { openDocx } from '../helpers/docx-xml.js';
import { built, docxOf, errors, flatten, PARTS, wrongCells, type Block } from '../helpers/extract-round-trip.js';
import { hasSoffice, LIBREOFFICE_HINT, soffice } from '../helpers/libreoffice.js';
import { skipWithout } from '../helpers/requires.js';

const SAMPLE = 'samples/published/cn-jiangsu-huaian-city-2024.yaml';

describe.skipIf(skipWithout('LibreOffice (soffice)', hasSoffice(), LIBREOFFICE_HINT))('DOCX written by LibreOffice', () => {
  const { report, document, html } = built(SAMPLE);
  let resaved: Uint8Array;
  let fromPage: Uint8Array;
  beforeAll(async () => {
    // Each conversion in a folder of its own (soffice sets up its profile and fonts there).
    const convert = async (name: string, content: string | Uint8Array, args: string[]) => {
      const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-lo-docx-'));
      await writeFile(path.join(folder, name), content);
      const out = path.join(folder, 'out');
      await soffice(folder, [...args, '--convert-to', 'docx:MS Word 2007 XML', '--outdir', out, path.join(folder, name)], 240_000);
      return new Uint8Array(await readFile(path.join(out, name.replace(/\.\w+$/, '.docx'))));
    };
    resaved = await convert('resaved.docx', await docxOf(document), []);
    // The page opened in Writer (not Writer/Web), then saved as DOCX.
    fromPage = await convert('page.html', html, ['--infilter=HTML (StarWriter)']);
  }, 600_000);

  it('LibreOffice wrote its own markup: vertical and horizontal merges, runs split, its own style names', async () => {
    for (const bytes of [resaved, fromPage]) {
      const pkg = await openDocx(bytes);
      const xml = pkg.xml.get('word/document.xml')!;
      expect(xml).toContain('<w:vMerge');
      expect(xml).toContain('<w:gridSpan');
      expect(pkg.xml.get('word/styles.xml')).toMatch(/<w:name w:val="Heading 1"\/>/);
    }
    const original = (await openDocx(await docxOf(document))).xml.get('word/document.xml');
    expect((await openDocx(resaved)).xml.get('word/document.xml')).not.toBe(original);
  });

  it.each([
    ['xxgk’s DOCX re-saved by LibreOffice', () => resaved],
    ['xxgk’s HTML page saved as DOCX by LibreOffice Writer', () => fromPage],
  ])('%s gives back the title, preamble, every heading and paragraph and every table number', async (_, bytes) => {
    const result = await extractDocument(bytes(), 'report.docx');
    expect(result.unreadable).toBeUndefined();
    expect(result.refusal).toBeUndefined();
    expect(errors(result)).toEqual([]);
    const data = result.data!;
    expect(data.title).toBe([report.title].flat().join(''));
    expect(data.year).toBe(report.year);
    expect(data.preamble).toEqual(report.preamble);
    const narrative = data.narrative as Record<string, Block[]>;
    for (const part of PARTS) expect(flatten(narrative[part]), part).toEqual(flatten(report.narrative[part]));
    expect(wrongCells(result, report.tables)).toEqual([]);
  });
});
