/**
 * Round trip of xxgk's own PDF (issue #15): the PDF (bundled fonts) of the
 * bundled sample, of the seed whose format has six parts (seed-001, 2020; the
 * other seeds are of 2009–2018, whose formats extract refuses) and of every
 * samples/published/*.yaml, extracted, gives back the data that built it:
 * every table number in its cell, the title, the preamble, every heading and
 * paragraph of each part, the fee and the signature date.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/index.js';
import { splitParagraphs } from '../../src/text/paragraphs.js';
import { built, cellPairs, errors, expectParagraphsInOrder, flatten, PARTS, type Block } from '../helpers/extract-round-trip.js';
import { pdfOf } from '../helpers/pagination-cases.js';

const PUBLISHED = readdirSync('samples/published').filter((name) => name.endsWith('.yaml')).sort();

describe('round trip: xxgk’s own PDF back into data', () => {
  it.each(PUBLISHED)('%s gives back its title, preamble, every heading and paragraph and every table number', async (name) => {
    const { report, document, format } = built(path.join('samples/published', name));
    const result = await extractDocument(await pdfOf(document), 'report.pdf');
    expect(result.unreadable).toBeUndefined();
    expect(result.refusal).toBeUndefined();
    expect(result.format!.id).toBe(format.id);
    expect(errors(result)).toEqual([]);
    const data = result.data!;
    expect(data.year).toBe(report.year);
    expect(data.title).toBe([report.title].flat().join(''));
    expect(data.preamble).toEqual((report.preamble as string[]).flatMap(splitParagraphs));
    const narrative = data.narrative as Record<string, Block[]>;
    for (const part of PARTS) expect(flatten(narrative[part]), part).toEqual(flatten(report.narrative[part]));
    const pairs = cellPairs(result, report.tables);
    expect(pairs.length).toBeGreaterThan(150);
    expect(pairs.filter((pair) => pair.got !== pair.expected)).toEqual([]);
    if (report.fee) expect(data.fee).toEqual(report.fee);
    if (report.signature) expect(data.signature).toEqual({ ...(report.signature.name ? { name: report.signature.name } : {}), date: report.signature.date });
  });

  it('the bundled sample (drafted parts) gives back its title, its tables and all its own paragraphs in order', async () => {
    const { report, document } = built('samples/青禾区人民政府2024年报.yaml');
    const result = await extractDocument(await pdfOf(document), 'report.pdf');
    expect(errors(result)).toEqual([]);
    const data = result.data!;
    expect(data.title).toBe(document.meta.title);
    expect(data.organization).toEqual({ name: report.organization.name, level: '人民政府' });
    expect((data.preamble as string[])[0]).toMatch(/^本报告根据《中华人民共和国政府信息公开条例》/);
    expectParagraphsInOrder(data.narrative as Record<string, Block[]>, report.narrative);
    expect(cellPairs(result, report.tables).filter((pair) => pair.got !== pair.expected)).toEqual([]);
    expect(data.fee).toEqual(report.fee);
    expect((data.signature as { date: string }).date).toBe(report.signature.date);
  });

  it('seed-001 (2020, the 2019 format) gives back its tables and paragraphs', async () => {
    const { report, document } = built('samples/seed-001-柳州市城中区2020.yaml');
    const result = await extractDocument(await pdfOf(document), 'report.pdf');
    expect(result.format!.firstYear).toBe(2019);
    expect(errors(result)).toEqual([]);
    const pairs = cellPairs(result, report.tables);
    expect(pairs.length).toBeGreaterThan(100);
    expect(pairs.filter((pair) => pair.got !== pair.expected)).toEqual([]);
    expectParagraphsInOrder(result.data!.narrative as Record<string, Block[]>, report.narrative);
  });
});

