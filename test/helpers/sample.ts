import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { reportV2021, type ReportV2021 } from '../../src/formats/v2021/schema.js';

export const SAMPLE_PATH = path.resolve('samples/青禾区人民政府2024年报.yaml');

/** The bundled sample, parsed with defaults applied; a fresh copy on every call so tests may edit it. */
export function sampleReport(): ReportV2021 {
  return reportV2021.parse(parse(readFileSync(SAMPLE_PATH, 'utf8')));
}

const SAMPLE_TEXT = readFileSync(SAMPLE_PATH, 'utf8');
const NAME_LINE = '  name: 示范市青禾区人民政府';
/** The sample's 表二 （一）予以公开 row as written, up to its 自然人 cell: tests edit it to unbalance a unit. */
export const GRANTED_LINE = '    granted:           { np: 21,';

/** The bundled sample's text as the data file of another unit (aggregate tests), optionally edited further. */
export function unitText(name: string, edit: (text: string) => string = (text) => text): string {
  if (!SAMPLE_TEXT.includes(NAME_LINE) || !SAMPLE_TEXT.includes(GRANTED_LINE)) throw new Error('the sample changed: update test/helpers/sample.ts');
  return edit(SAMPLE_TEXT.replace(NAME_LINE, `  name: ${name}`));
}
