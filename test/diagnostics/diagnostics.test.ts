/**
 * Diagnostics as one type (issue #11): validation problems carry the file,
 * the start and end of the value in it and the place in the report (table,
 * row, column; narrative part), derived from the data path; problems of last
 * year's file keep their own file and position; font warnings of a PDF build
 * arrive as Diagnostics with a stage and a code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReportFile } from '../../src/build.js';
import { describePlace, diagnosticToJson, formatDiagnostic, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { legacyFormat } from '../../src/formats/legacy/index.js';
import { v2019Format } from '../../src/formats/v2019/index.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { loadFromData } from '../../src/io/load.js';
import { placeOfPath, validateLoaded, validateReportText } from '../../src/validate/index.js';
import { SAMPLE, tempDir } from '../helpers/cli.js';
import { locateAfter, ReportBuilder } from '../validate/fixture.js';

const T2 = { id: 't2', label: '三、收到和处理政府信息公开申请情况' };

describe('a wrong 表二 total', () => {
  const text = ReportBuilder.valid().set(['tables', 'requests', 'total', 'np'], 28).text();
  const diagnostics = validateReportText(text, 'report.yaml').diagnostics;
  const found = diagnostics.find((d) => d.code === 'V21-T2-02')!;

  it('carries the table, row and column as a place, with ids and labels as printed', () => {
    expect(found).toMatchObject({
      severity: 'error',
      stage: 'rules',
      path: ['tables', 'requests', 'total', 'np'],
      place: { table: T2, row: { id: 'total', label: '（七）总计' }, column: { id: 'np', label: '自然人' } },
    });
  });

  it('carries the file and the start and end of the number in the YAML', () => {
    const at = locateAfter(text, '    total:', 'np: ');
    expect(found.file).toBe('report.yaml');
    expect(found.start).toMatchObject(at);
    expect(found.end).toMatchObject({ line: at.line, column: at.column + 2 });
    expect(text.slice(found.start!.offset, found.end!.offset)).toBe('28');
  });

  it('gives every diagnostic of the change the same place, whatever rule made it', () => {
    const atTotal = diagnostics.filter((d) => d.path.join('.') === 'tables.requests.total.np');
    expect(atTotal.map((d) => d.code).sort()).toEqual(['V21-T2-02', 'V21-T2-03']);
    for (const diagnostic of atTotal) expect(diagnostic.place).toEqual(found.place);
  });
});

describe('places derived from the data path', () => {
  it('gives a schema problem in a cell the cell, and a missing row the coarser place of its row', () => {
    const cell = validateReportText(ReportBuilder.valid().set(['tables', 'requests', 'total', 'np'], '27件').text(), 'report.yaml');
    expect(cell.diagnostics[0]).toMatchObject({
      stage: 'schema',
      place: { table: T2, row: { id: 'total', label: '（七）总计' }, column: { id: 'np', label: '自然人' } },
    });
    const row = validateReportText(ReportBuilder.valid().remove(['tables', 'requests', 'carry_out']).text(), 'report.yaml');
    expect(row.diagnostics.find((d) => d.code === 'SCHEMA-MISSING')!.place).toEqual({ table: T2, row: { id: 'carry_out', label: '四、结转下年度继续办理' } });
  });

  it('names a whole table, a narrative part and a paragraph of it', () => {
    expect(placeOfPath(v2021Format, ['tables', 'requests'])).toEqual({ table: T2 });
    expect(placeOfPath(v2021Format, ['narrative', 'other', 0])).toEqual({ part: { id: 'other', label: '六、其他需要报告的事项' }, paragraph: 1 });
    expect(placeOfPath(v2019Format, ['narrative', 'overview'])).toEqual({ part: { id: 'overview', label: '一、总体情况' } });
    expect(placeOfPath(v2021Format, ['preamble', 1])).toEqual({ part: { id: 'preamble', label: '导语' }, paragraph: 2 });
    expect(placeOfPath(v2021Format, ['organization', 'name'])).toBeUndefined();
    expect(placeOfPath(v2021Format, [])).toBeUndefined();
  });

  it('names the sections of a legacy report by their printed heading, and its statistics table', () => {
    const raw = { sections: [{ heading: '概述' }, { heading: '主动公开情况', body: ['……'] }] };
    expect(placeOfPath(legacyFormat, ['sections', 1, 'body', 0], raw)).toEqual({
      part: { id: 'sections.1', label: '二、主动公开情况' },
      paragraph: 1,
    });
    const [statistics] = legacyFormat.tables;
    const cell = statistics!.valueCells[0]!.content;
    expect(placeOfPath(legacyFormat, [...statistics!.definition.dataPath, ...cell.key])).toEqual({
      table: { id: statistics!.definition.id, label: statistics!.definition.caption },
      row: { id: cell.rowId, label: cell.rowLabel },
      column: { id: 'value', label: '统计数' },
    });
  });

  it('gives NARR-EMPTY the part it is about', () => {
    const result = validateReportText(ReportBuilder.valid().remove(['narrative', 'overview']).text(), 'report.yaml');
    expect(result.diagnostics.find((d) => d.code === 'NARR-EMPTY')).toMatchObject({ place: { part: { id: 'overview', label: '一、总体情况' } } });
  });
});

describe('problems in last year’s file', () => {
  const previous = ReportBuilder.previous().set(['tables', 'proactive', 'reg_in_force'], '14件').text();
  const current = ReportBuilder.valid().set(['tables', 'proactive', 'reg_in_force'], 16).text();
  const result = validateReportText(current, 'report.yaml', { previous: { text: previous, fileName: '2022.yaml' } });
  const found = result.diagnostics.find((d) => d.file === '2022.yaml')!;

  it('carry the previous file, their own line and place, after the current file’s problems', () => {
    const at = locateAfter(previous, 'reg_in_force:', 'reg_in_force: ');
    expect(found.start).toMatchObject(at);
    expect(previous.slice(found.start!.offset, found.end!.offset)).toBe('14件');
    expect(found.place?.table?.id).toBe('t1');
    expect(result.diagnostics.at(-1)).toBe(found);
  });

  it('print as before: the current file without a position, the message naming last year’s file and line', () => {
    const at = locateAfter(previous, 'reg_in_force:', 'reg_in_force: ');
    expect(formatDiagnostic(found, 'report.yaml')).toBe(
      `report.yaml 错误 [SCHEMA-TYPE] 上年报告：「二、主动公开政府信息情况」表「规章」行「现行有效件数」列应为数字，写成了文字 "14件"；请只写数字 14（2022.yaml 第 ${at.line} 行第 ${at.column} 列）`,
    );
  });
});

describe('printing and JSON', () => {
  const diagnostic: Diagnostic = {
    code: 'V21-T2-02',
    severity: 'error',
    stage: 'rules',
    file: '/data/2024/report.yaml',
    start: { line: 63, column: 24, offset: 1800 },
    end: { line: 63, column: 26, offset: 1802 },
    path: ['tables', 'requests', 'total', 'np'],
    place: { table: T2, row: { id: 'total', label: '（七）总计' }, column: { id: 'np', label: '自然人' } },
    message: 'm',
  };

  it('prints the position of a diagnostic of the file the lines are about, under the name given', () => {
    expect(formatDiagnostic(diagnostic, '/data/2024/report.yaml')).toBe('/data/2024/report.yaml:63:24 错误 [V21-T2-02] m');
    expect(formatDiagnostic(diagnostic, 'report.yaml', '/data/2024/report.yaml')).toBe('report.yaml:63:24 错误 [V21-T2-02] m');
    expect(formatDiagnostic(diagnostic, 'other.yaml')).toBe('other.yaml 错误 [V21-T2-02] m');
    expect(formatDiagnostic({ ...diagnostic, severity: 'info', start: undefined }, 'x.yaml')).toBe('x.yaml 说明 [V21-T2-02] m');
  });

  it('keeps line and column in JSON, next to every new field', () => {
    expect(diagnosticToJson(diagnostic)).toEqual({ ...diagnostic, line: 63, column: 24 });
    const { start: _start, end: _end, ...unpositioned } = diagnostic;
    expect(diagnosticToJson(unpositioned)).not.toHaveProperty('line');
    // line and column are a place in the file the output is about: none for last year's file.
    expect(diagnosticToJson(diagnostic, '/data/2024/report.yaml')).toHaveProperty('line', 63);
    expect(diagnosticToJson(diagnostic, '/data/2025/report.yaml')).not.toHaveProperty('line');
    expect(diagnosticToJson(diagnostic, '/data/2025/report.yaml')).toHaveProperty('start');
  });
});

describe('a PDF build', () => {
  it('returns the substituted fonts as Diagnostics of stage fonts, about the report file', async () => {
    const folder = await tempDir();
    const input = path.join(folder, 'report.yaml');
    await writeFile(input, await readFile(SAMPLE, 'utf8'));
    const fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
    const result = await buildReportFile(input, { outputs: ['pdf'], pdf: { fonts } });
    expect(result.written).toHaveLength(1);
    const substituted = result.warnings.filter((w) => w.code === 'FONT-SUBSTITUTED');
    expect(substituted.length).toBeGreaterThan(0);
    for (const warning of substituted) {
      expect(warning).toMatchObject({ severity: 'warning', stage: 'fonts', file: input, path: [] });
      expect(warning.message).toMatch(/^未找到.+字体“.+”，暂用/);
    }
    expect(new Set(result.warnings.map((w) => w.message)).size).toBe(result.warnings.length);
  }, 120_000);
});

describe('data without a source file', () => {
  it('still gets places, and no positions', () => {
    const data = ReportBuilder.valid().set(['tables', 'requests', 'total', 'np'], 28).data();
    const first = validateLoaded(loadFromData(data, 'imported.yaml')).diagnostics.find((d) => d.code === 'V21-T2-02');
    expect(first).toMatchObject({ file: 'imported.yaml', place: { table: T2, row: { id: 'total' }, column: { id: 'np' } } });
    expect(first!.start).toBeUndefined();
  });
});

describe('the layer of the Diagnostic type', () => {
  const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+'([^']+)'/gmu)].map((m) => m[1]!);
  const sources = (folder: string) =>
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => path.join(folder, name));

  it('imports nothing from the rest of src', () => {
    for (const file of sources('src/diagnostics')) expect(importsOf(file).filter((specifier) => specifier.startsWith('.'))).toEqual([]);
  });

  it('lets io, fonts and render use diagnostics without importing validate', () => {
    for (const file of [...sources('src/io'), ...sources('src/fonts'), ...sources('src/render')]) {
      expect(importsOf(file).filter((specifier) => specifier.includes('/validate/')), file).toEqual([]);
    }
  });
});

describe('describePlace (the 问题清单 位置 of a diagnostic without a file position)', () => {
  it('names a cell, a row, a table and a narrative paragraph as printed, never by key path', () => {
    const table = { id: 't1', label: '二、主动公开政府信息情况' };
    expect(describePlace({ table, row: { id: 'nd', label: '行政规范性文件' }, column: { id: 'issued', label: '本年制发件数' } })).toBe(
      '「二、主动公开政府信息情况」表「行政规范性文件」行「本年制发件数」列',
    );
    expect(describePlace({ table })).toBe('「二、主动公开政府信息情况」表');
    expect(describePlace({ part: { id: 'overview', label: '一、总体情况' }, paragraph: 2 })).toBe('「一、总体情况」第 2 段');
    expect(describePlace(undefined)).toBeUndefined();
  });
});
