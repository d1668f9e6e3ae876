import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { reportV2021, type ReportV2021 } from '../../src/formats/v2021/schema.js';

export const SAMPLE_PATH = path.resolve('samples/青禾区人民政府2024年报.yaml');

/** The bundled sample, parsed with defaults applied; a fresh copy on every call so tests may edit it. */
export function sampleReport(): ReportV2021 {
  return reportV2021.parse(parse(readFileSync(SAMPLE_PATH, 'utf8')));
}
