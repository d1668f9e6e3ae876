/**
 * The hand-written fixtures of test/formats/fixtures/: a valid 2020 report in
 * the 2019 format with its 2019 predecessor, and a valid 2017 legacy report.
 * Edited through ReportBuilder, which changes single values in the YAML text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ReportBuilder } from '../validate/fixture.js';

export const FORMAT_FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export const fixture = (name: 'valid-v2019.yaml' | 'previous-v2019.yaml' | 'valid-legacy.yaml'): string =>
  readFileSync(`${FORMAT_FIXTURES}${name}`, 'utf8');

export const v2019 = (): ReportBuilder => new ReportBuilder(fixture('valid-v2019.yaml'));
export const previousV2019 = (): ReportBuilder => new ReportBuilder(fixture('previous-v2019.yaml'));
export const legacy = (): ReportBuilder => new ReportBuilder(fixture('valid-legacy.yaml'));

/** Prepends `source: published` (the report is reproduced as it was published). */
export const published = (text: string): string => `source: published\n${text}`;
