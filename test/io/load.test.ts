import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReportFile, loadReportText, ReportReadError } from '../../src/io/load.js';
import { validateReportText } from '../../src/validate/index.js';
import { classic, fixtureText, locate, locateAfter, ReportBuilder } from '../validate/fixture.js';

const only = (text: string, fileName = 'report.yaml') => {
  const load = loadReportText(text, fileName);
  expect(load.raw).toBeUndefined();
  expect(load.diagnostics).toHaveLength(1);
  return classic(load.diagnostics[0]!);
};

describe('loading YAML', () => {
  it('loads the valid fixture with positions for every value', () => {
    const text = fixtureText();
    const load = loadReportText(text, 'valid-v2021.yaml');
    expect(load.diagnostics).toEqual([]);
    expect(load.raw).toMatchObject({ year: 2023, signature: { date: '2024-01-20' } });
    expect(load.positionOf(['tables', 'requests', 'total', 'np'])).toEqual(locateAfter(text, '    total:', 'np: '));
    expect(load.positionOf(['tables', 'proactive', 'reg_issued'])).toEqual(locateAfter(text, 'reg_issued:', 'reg_issued: '));
    expect(load.keyPositionOf(['organization', 'name'])).toEqual(locate(text, '  name: 某某市', 'name'));
    expect(load.positionOf(['narrative', 'other', 0])).toEqual(locateAfter(text, '本年度收取信息处理费', '    - '));
    expect(load.positionOf(['tables', 'nothing'])).toBeUndefined();
  });

  it('keeps dates as text and counts columns in characters', () => {
    const load = loadReportText('a: { x: "𠀀𠀀", y: 2024-01-20 }\n', 'a.yaml');
    expect(load.raw).toEqual({ a: { x: '𠀀𠀀', y: '2024-01-20' } });
    expect(load.positionOf(['a', 'y'])).toEqual({ line: 1, column: 18 });
  });

  it('ignores a byte-order mark', () => {
    const load = loadReportText('\uFEFFyear: 2023\n', 'a.yaml');
    expect(load.raw).toEqual({ year: 2023 });
    expect(load.positionOf(['year'])).toEqual({ line: 1, column: 7 });
  });

  it('explains a tab used for indentation', () => {
    expect(only('year: 2023\norganization:\n\tname: 某某局\n')).toEqual({
      code: 'YAML-TAB',
      severity: 'error',
      path: [],
      line: 3,
      column: 1,
      message: '第 3 行第 1 列用了制表符（Tab）缩进，YAML 只能用空格缩进，请改为空格（与同一层的键左对齐）',
    });
  });

  it('reports one tab in a full report once, without the errors it drags along', () => {
    const lines = fixtureText().split('\n');
    const at = lines.findIndex((line) => line.startsWith('    rv_keep:'));
    lines[at] = `  \t${lines[at]!.trimStart()}`;
    const load = loadReportText(lines.join('\n'), 'report.yaml');
    expect(load.raw).toBeUndefined();
    expect(load.diagnostics.map(classic)).toEqual([
      {
        code: 'YAML-TAB',
        severity: 'error',
        path: [],
        line: at + 1,
        column: 3,
        message: `第 ${at + 1} 行第 3 列用了制表符（Tab）缩进，YAML 只能用空格缩进，请改为空格（与同一层的键左对齐）`,
      },
    ]);
  });

  it('keeps a syntax error before the first tab line, and lists many tab lines in one message', () => {
    const text = 'year: 2023\norganization: {name: x\nsignature:\n  date: 2024-01-20\n' + Array.from({ length: 7 }, (_, i) => `\tk${i}: 1`).join('\n') + '\n';
    const load = loadReportText(text, 'report.yaml');
    const codes = load.diagnostics.map((d) => d.code);
    expect(codes.filter((code) => code === 'YAML-TAB')).toHaveLength(1);
    expect(load.diagnostics.find((d) => d.code === 'YAML-TAB')!.message).toBe(
      '文件中有 7 行用了制表符（Tab）缩进（第 5、6、7、8、9 行等），YAML 只能用空格缩进：请在编辑器中把行首的制表符全部替换为空格（同一层的键左对齐）',
    );
  });

  it('names a full-width colon after a key as such, not as a missing colon', () => {
    expect(only('year：2023\norganization:\n  name: 某某局\n')).toEqual({
      code: 'YAML-FULLWIDTH-COLON',
      severity: 'error',
      path: [],
      line: 1,
      column: 5,
      message: '第 1 行“year”后面的冒号是全角“：”，请改为半角“:”后加一个空格（写作“year: 值”）',
    });
    expect(only('year: 2023\norganization:\n  name： 某某局\n  level: 部门\n')).toMatchObject({
      code: 'YAML-FULLWIDTH-COLON',
      line: 3,
      column: 7,
      message: '第 3 行“name”后面的冒号是全角“：”，请改为半角“:”后加一个空格（写作“name: 值”）',
    });
    // A key alone in its mapping parses as text; the colon is still named.
    expect(only('year: 2023\nsignature:\n  date：2024-01-20\n')).toMatchObject({ code: 'YAML-FULLWIDTH-COLON', line: 3 });
  });

  it('leaves a full-width colon in a paragraph alone', () => {
    const load = loadReportText('year: 2023\nnarrative:\n  other:\n    - A：说明文字\n    - 第一行\n      abc：接着的文字\n    - |-\n      year：2023年的文字\n', 'report.yaml');
    expect(load.diagnostics).toEqual([]);
  });

  it('names a full-width space used as indentation', () => {
    expect(only('year: 2023\norganization:\n　　name: 某某局\n  level: 部门\n  department: 办公室\n')).toEqual({
      code: 'YAML-FULLWIDTH-SPACE',
      severity: 'error',
      path: [],
      line: 3,
      column: 1,
      message: '第 3 行开头的缩进用了全角空格“　”，YAML 只能用半角空格缩进，请把它改为半角空格',
    });
  });

  it('explains keys of one level that are not aligned', () => {
    expect(only('organization:\n    name: 某某局\n   level: 部门\n')).toMatchObject({
      code: 'YAML-SYNTAX',
      line: 3,
      column: 1,
      message: '第 3 行的缩进不对：同一层的键必须左对齐，缩进的空格数要相同',
    });
  });

  it('explains a line indented deeper than its siblings', () => {
    expect(only('organization:\n  name: 某某局\n    level: 部门\n')).toMatchObject({
      code: 'YAML-SYNTAX',
      line: 2,
      column: 9,
      message:
        '第 2 行附近的写法有误：一个值的后面又出现了“键: 值”。常见原因是下一行的缩进比同层的键多，或者冒号后面的值里又有“: ”（这时请给值加上引号）',
    });
  });

  it('names a duplicated key and where it was first written', () => {
    expect(only('year: 2023\norganization:\n  name: 某某局\nyear: 2024\n')).toMatchObject({
      code: 'YAML-SYNTAX',
      line: 4,
      column: 1,
      message: '键 "year" 重复出现（同一层里每个键只能写一次，第 1 行已经写过）',
    });
  });

  it('points an unclosed quote at its opening quote', () => {
    expect(only('year: 2023\norganization:\n  name: "某某局\n  level: 部门\n')).toMatchObject({
      code: 'YAML-SYNTAX',
      line: 3,
      column: 9,
      message: '第 3 行第 9 列开始的引号没有闭合（缺少结尾的 "），后面的内容都被当成了这段文字',
    });
  });

  it('keeps the original text of errors it does not translate', () => {
    const diagnostic = only('a: &x &y 1\n');
    expect(diagnostic.code).toBe('YAML-SYNTAX');
    expect(diagnostic.message).toMatch(/^YAML 语法错误（原文：.+）$/);
  });

  it('rejects an empty file and a file of comments', () => {
    for (const text of ['', '\n\n', '# 只有注释\n']) {
      expect(only(text, 'empty.yaml')).toEqual({
        code: 'YAML-EMPTY',
        severity: 'error',
        path: [],
        message: '文件 "empty.yaml" 是空的，没有任何报告数据（至少要有 year、organization、signature、tables 等项）',
      });
    }
  });

  it('rejects a top level that is not a mapping', () => {
    expect(only('- year: 2023\n')).toMatchObject({
      code: 'YAML-NOT-MAPPING',
      line: 1,
      column: 1,
      message: '文件最外层应为“键: 值”的形式（如 year: 2023），现在是一个列表',
    });
    expect(only('year:2023\n').message).toBe(
      '文件最外层应为“键: 值”的形式（如 year: 2023），现在是一段文字（冒号后面要加一个空格，应写作“year: 2023”而不是“year:2023”）',
    );
  });
});

describe('loading JSON', () => {
  const validJson = () => JSON.stringify(ReportBuilder.valid().data(), null, 2);

  it('accepts a valid report written as JSON, tab-indented or not', () => {
    expect(validateReportText(validJson(), 'report.json').diagnostics).toEqual([]);
    const tabbed = JSON.stringify(ReportBuilder.valid().data(), null, '\t');
    expect(validateReportText(tabbed, 'report.json').diagnostics).toEqual([]);
  });

  it('gives line and column for a missing comma', () => {
    expect(only('{\n  "year": 2023\n  "organization": {}\n}\n', 'report.json')).toMatchObject({
      code: 'YAML-SYNTAX',
      line: 2,
      column: 11,
      message: '第 2 行附近的 JSON 写法有误：常见原因是这一项末尾少了逗号，或引号没有闭合',
    });
  });

  it('gives line and column for a missing closing brace', () => {
    expect(only('{\n  "year": 2023,\n  "organization": {\n    "name": "某某局"\n  \n', 'report.json')).toMatchObject({
      code: 'YAML-SYNTAX',
      line: 6,
      column: 1,
      message: '第 6 行附近缺少 }：前面的 { 没有配对的 }，或其中某项末尾少了逗号',
    });
  });

  it('gives line and column for a surplus closing brace', () => {
    expect(only('{\n  "year": 2023\n}\n}\n', 'report.json')).toMatchObject({
      line: 4,
      column: 1,
      message: '第 4 行多了一个 }，前面没有与之配对的括号',
    });
  });

  it('positions schema problems inside JSON', () => {
    const data = ReportBuilder.valid().data() as { tables: { requests: { total: { np: unknown } } } };
    data.tables.requests.total.np = '27件';
    const text = JSON.stringify(data, null, 2);
    const [diagnostic] = validateReportText(text, 'report.json').diagnostics;
    const totalLine = locate(text, '"total": {').line;
    expect(classic(diagnostic!)).toEqual({
      code: 'SCHEMA-TYPE',
      severity: 'error',
      path: ['tables', 'requests', 'total', 'np'],
      line: totalLine + 1,
      column: 15,
      message: '「三、收到和处理政府信息公开申请情况」表「（七）总计」行「自然人」列应为数字，写成了文字 "27件"；请只写数字 27',
    });
  });
});

describe('reading files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'xxgk-load-'));

  it('reads a UTF-8 file', async () => {
    const path = join(folder, 'ok.yaml');
    writeFileSync(path, 'year: 2023\n');
    const load = await loadReportFile(path);
    expect(load.raw).toEqual({ year: 2023 });
    expect(load.fileName).toBe(path);
  });

  it('reads a UTF-16 file with a byte-order mark', async () => {
    const path = join(folder, 'utf16.yaml');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('year: 2023\n', 'utf16le')]));
    expect((await loadReportFile(path)).raw).toEqual({ year: 2023 });
  });

  it('throws ReportReadError in Chinese for a missing file, a folder and a non-UTF-8 file', async () => {
    const missing = join(folder, 'missing.yaml');
    await expect(loadReportFile(missing)).rejects.toThrow(new ReportReadError(`找不到文件 "${missing}"，请检查文件名和路径`, missing));
    const dir = join(folder, 'dir.yaml');
    mkdirSync(dir);
    await expect(loadReportFile(dir)).rejects.toThrow(`"${dir}" 是一个文件夹，请给出数据文件的路径`);
    const gbk = join(folder, 'gbk.yaml');
    writeFileSync(gbk, Buffer.from([0x79, 0x65, 0x61, 0x72, 0x3a, 0x20, 0xc4, 0xea, 0x0a])); // "year: 年" in GBK
    const error = await loadReportFile(gbk).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportReadError);
    expect((error as ReportReadError).message).toBe(`文件 "${gbk}" 不是 UTF-8 编码（可能是 GBK 等编码），请在编辑器中另存为 UTF-8 后重试`);
  });
});
