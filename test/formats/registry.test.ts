import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInFormats } from '../../src/formats/index.js';

const formatIdForYear = (year: number) => builtInFormats.forYear(year).id;
const selectFormat = builtInFormats.select;
const FORMATS = builtInFormats.formats;
import { legacyFormat } from '../../src/formats/legacy/index.js';
import { v2019Format } from '../../src/formats/v2019/index.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { validateReportText } from '../../src/validate/index.js';
import { fixture } from './fixtures.js';

describe('choosing the format (spec §1)', () => {
  it('by report year: ≤ 2018 legacy, 2019–2020 v2019, ≥ 2021 v2021', () => {
    expect([2008, 2017, 2018, 2019, 2020, 2021, 2024, 2100].map(formatIdForYear)).toEqual([
      'legacy', 'legacy', 'legacy', 'v2019', 'v2019', 'v2021', 'v2021', 'v2021',
    ]);
    expect(selectFormat({ year: 2020 })).toEqual({ format: v2019Format, by: 'year', diagnostics: [] });
    expect(selectFormat({ year: 2018 }).format).toBe(legacyFormat);
    expect(selectFormat({ year: 2022 }).format).toBe(v2021Format);
  });

  it('by an explicit format, which wins over the year with a warning (FORMAT-YEAR)', () => {
    expect(selectFormat({ format: 'legacy', year: 2009 })).toEqual({ format: legacyFormat, by: 'format', diagnostics: [] });
    const chosen = selectFormat({ format: 'v2019', year: 2022 });
    expect(chosen.format).toBe(v2019Format);
    expect(chosen.diagnostics).toEqual([
      expect.objectContaining({ code: 'FORMAT-YEAR', severity: 'warning', path: ['format'], message: expect.stringContaining('2022 年度的报告按规定应使用 v2021') }),
    ]);
  });

  it('refuses a format it does not know, suggesting the likely one (FORMAT-UNKNOWN)', () => {
    const chosen = selectFormat({ format: 'V2019', year: 2020 });
    expect(chosen.format).toBeUndefined();
    expect(chosen.diagnostics[0]).toMatchObject({ code: 'FORMAT-UNKNOWN', severity: 'error', path: ['format'] });
    expect(chosen.diagnostics[0]!.message).toContain('是不是想写 "v2019"');
  });

  it('falls back to v2021 when there is no usable year, so its schema reports the year', () => {
    expect(selectFormat({}).format).toBe(v2021Format);
    expect(selectFormat('text').by).toBe('default');
    expect(validateReportText('organization: { name: 某机关, level: 部门 }\n', 'r.yaml').diagnostics.map((d) => d.code)).toContain('SCHEMA-MISSING');
  });

  it('is what validation uses: each fixture comes back with its own format', () => {
    expect(validateReportText(fixture('valid-v2019.yaml'), 'r.yaml').format).toBe(v2019Format);
    expect(validateReportText(fixture('valid-legacy.yaml'), 'r.yaml').format).toBe(legacyFormat);
  });

  it('lists every format once, each with its own template folder and tables', () => {
    expect(FORMATS.map((format) => [format.id, format.templates.folder])).toEqual([
      ['v2021', 'v2021'],
      ['v2019', 'v2019'],
      ['legacy', 'legacy'],
    ]);
  });
});

describe('where format versions are named', () => {
  it('no module outside a format folder names a version, except the list of formats', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const naming = files
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => /\b(v2021|v2019|V2021|V2019)\b|legacyFormat/.test(readFileSync(path.join('src', file), 'utf8')))
      .filter((file) => !/^formats\/(v2021|v2019|legacy)\//.test(file));
    expect(naming).toEqual(['formats/index.ts']);
  });

  it('v2021 is named outside its own folder only by the list and by the 2019 format, whose templates fall back to it', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const naming = files
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => /v2021/i.test(readFileSync(path.join('src', file), 'utf8')))
      .filter((file) => !file.startsWith('formats/v2021/'))
      .sort();
    expect(naming).toEqual(['formats/index.ts', 'formats/v2019/index.ts']);
  });
});
