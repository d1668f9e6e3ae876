/**
 * `xxgk extract FILE [--out DATA.yaml]`: writes the data file atomically with
 * a Chinese header naming the source, prints the diagnostics, exits 0 / 1
 * (cells left blank) / 2 (unreadable or not a report: nothing written).
 */
import { readFileSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeReport } from '../../src/compose/compose.js';
import { renderHtmlText } from '../../src/render/html.js';
import { validateReportText } from '../../src/validate/index.js';
import { cli, listAll, tempDir, xxgkProcess } from '../helpers/cli.js';
import { encryptedPdf, scannedPdf } from '../helpers/pdfkit-pdf.js';

function pageOf(sample: string): string {
  const result = validateReportText(readFileSync(sample, 'utf8'), sample);
  return renderHtmlText(composeReport(result.report!, result.format!));
}

describe('xxgk extract', () => {
  it('writes a valid published-mode data file from an HTML page, with a header naming the page', async () => {
    const dir = await tempDir();
    const page = path.join(dir, '淮安市2024年报.html');
    await writeFile(page, pageOf('samples/published/cn-jiangsu-huaian-city-2024.yaml'));
    const run = await cli(['extract', page]);
    // The page states the fee's amount (3940元) but not its count: the one note, and the fee left to fill in.
    expect(run.stderr).toBe(`${page} 提示 [EXTRACT-FEE] 正文中没有找到信息处理费的说明（收取的件数和金额）；请在 fee 填写\n共 0 个错误、1 个提示。`);
    expect(run.code).toBe(0);
    const out = path.join(dir, '淮安市2024年报.yaml');
    expect(run.stdout).toContain(`已读出：${out}`);
    const text = await readFile(out, 'utf8');
    expect(text.split('\n')[0]).toBe('# 由 xxgk extract 从 淮安市2024年报.html 读出（按已发布的原文重现，source: published）。');
    const validation = validateReportText(text, out);
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const original = parse(readFileSync('samples/published/cn-jiangsu-huaian-city-2024.yaml', 'utf8'));
    expect(parse(text).tables.requests.total).toEqual(original.tables.requests.total);
  });

  it('prints the problems, writes the file with the undecidable cells blank and exits 1 (text fixture, --out)', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'pt2023.yaml');
    const run = await cli(['extract', 'test/fixtures/published/cn-fujian-pingtan-2023/source.txt', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('「行政规范性文件」行的 3 个数字连在一起印作“77132470”');
    expect(run.stderr).toContain('看不出机关类别');
    const data = parse(await readFile(out, 'utf8'));
    expect(data.tables.proactive.nd_in_force).toBeNull();
    expect(data.tables.proactive.license_decisions).toBe(2629);
    expect(data.tables.requests.new).toEqual({ np: 80, biz: 1, res: 0, ngo: 0, law: 0, oth: 0, tot: 81 });

    const json = await cli(['extract', 'test/fixtures/published/cn-fujian-pingtan-2023/source.txt', '--out', out, '--force', '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { out: string; ok: boolean; diagnostics: { code: string; severity: string }[] };
    expect(report.out).toBe(out);
    expect(report.ok).toBe(false);
    expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['EXTRACT-SPLIT']);
  });

  it('decodes text that is not UTF-8 as GB18030 (older portals) before reading it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'gbk.txt');
    // “年报” in GBK, after an ASCII line: not UTF-8, so decoded as GB18030; then it is no report and is refused as such.
    await writeFile(file, Buffer.concat([Buffer.from('2024\n', 'latin1'), Buffer.from([0xc4, 0xea, 0xb1, 0xa8])]));
    const run = await cli(['extract', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('这份文本不像政府信息公开工作年度报告');
    expect(await listAll(dir)).toEqual(['gbk.txt']);
  });

  it('refuses unreadable input with exit 2 and writes nothing', async () => {
    const dir = await tempDir();
    const missing = await cli(['extract', path.join(dir, 'none.html')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件');

    const notice = path.join(dir, 'notice.txt');
    await writeFile(notice, '关于开展政务公开培训的通知\n各单位：请于3月1日参加培训。\n');
    const refused = await cli(['extract', notice]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('这份文本不像政府信息公开工作年度报告');

    const binary = path.join(dir, 'random.txt');
    await writeFile(binary, Buffer.from([0xff, 0xfe, 0x00, 0x81, 0xff, 0x30, 0x80, 0xff]));
    const garbled = await cli(['extract', binary]);
    expect(garbled.code).toBe(2);

    expect(await listAll(dir)).toEqual(['random.txt', 'notice.txt'].sort());
  });

  it('reads a PDF with a text layer, by its bytes whatever its name', async () => {
    const dir = await tempDir();
    const disguised = path.join(dir, '洪泽区2023年报.txt');
    await copyFile('test/fixtures/published/cn-jiangsu-hongze-district-2023/source.pdf', disguised);
    const run = await cli(['extract', disguised]);
    expect(run.code).toBe(0);
    const data = parse(await readFile(path.join(dir, '洪泽区2023年报.yaml'), 'utf8'));
    expect(data.title).toBe('洪泽区人民政府2023年政府信息公开工作年度报告');
    expect(data.tables.requests.new.tot).toBe(21);
  });

  it('refuses encrypted, damaged and scanned PDFs with exit 2 and the reason, writing nothing', async () => {
    const dir = await tempDir();
    const cases: [string, Uint8Array, string][] = [
      ['加密.pdf', await encryptedPdf(), '设有打开密码（已加密），无法读取'],
      ['损坏.pdf', new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x41)])), 'PDF 文件已损坏或不完整，无法读取'],
      ['扫描件.pdf', await scannedPdf(), '扫描件（只有图像），没有文字层，无法读取；不作猜测'],
    ];
    for (const [name, bytes, reason] of cases) {
      const file = path.join(dir, name);
      await writeFile(file, bytes);
      const run = await cli(['extract', file]);
      expect(run.code, name).toBe(2);
      expect(run.stderr, name).toContain(reason);
      expect(run.stderr, name).toContain(name);
    }
    expect(await listAll(dir)).toEqual(cases.map(([name]) => name).sort());
  });

  it('does not overwrite an existing file without --force, nor the input itself', async () => {
    const dir = await tempDir();
    const page = path.join(dir, 'p.html');
    await writeFile(page, pageOf('samples/published/cn-jiangsu-huaian-city-2024.yaml'));
    const out = path.join(dir, 'p.yaml');
    await writeFile(out, 'keep');
    const run = await cli(['extract', page]);
    expect(run.code).toBe(2);
    expect(await readFile(out, 'utf8')).toBe('keep');
    expect((await cli(['extract', page, '--force'])).code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('source: published');
    const self = await cli(['extract', page, '--out', page]);
    expect(self.code).toBe(2);
  });

  it('has Chinese help (the installed command)', async () => {
    const run = await xxgkProcess(['extract', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/\s+/g, '')).toContain('从已发布的年度报告（网页HTML、带文字层的PDF、Word文档DOCX或复制下来的纯文本）读出报告数据文件');
    expect(run.stdout).toContain('--out');
  });
});
