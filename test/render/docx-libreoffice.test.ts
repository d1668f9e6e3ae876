/**
 * The sample DOCX as a person sees it: converted by LibreOffice and read back
 * with poppler. Skipped where LibreOffice or poppler is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { renderDocx } from '../../src/render/docx.js';
import { sampleReport } from '../helpers/sample.js';

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const available = has('soffice') && has('pdftotext');

describe.skipIf(!available)('the sample DOCX rendered by LibreOffice', () => {
  it('fills full pages with 22 lines of at most 28 characters, most of them exactly 28', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-lo-'));
    const docx = path.join(folder, 'sample.docx');
    await writeFile(docx, await renderDocx(composeReport(sampleReport(), v2021Format)));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${folder}/profile`, '--convert-to', 'pdf', '--outdir', folder, docx], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    expect(await readdir(folder)).toContain('sample.pdf');
    const pages = execFileSync('pdftotext', [path.join(folder, 'sample.pdf'), '-'], { encoding: 'utf8' }).split('\f');
    // Page 2 is all body text: two sub-parts of 一、总体情况.
    const lines = pages[1]!.split('\n').filter((line) => line.trim() !== '');
    const pageNumber = lines.pop();
    expect(pageNumber?.replace(/\s/g, '')).toBe('—2—');
    expect(lines).toHaveLength(22);
    // A line of pure Chinese text holds 28 characters; digits are narrower, so lines with them hold more glyphs.
    const chineseOnly = lines.filter((line) => /^[^\x00-\x7F]+$/.test(line));
    expect(chineseOnly.every((line) => Array.from(line).length <= 28)).toBe(true);
    expect(chineseOnly.filter((line) => Array.from(line).length === 28).length).toBeGreaterThanOrEqual(5);
  }, 180_000);
});
