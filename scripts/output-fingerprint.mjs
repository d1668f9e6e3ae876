#!/usr/bin/env node
/**
 * Fingerprints what xxgk writes, to prove that a refactoring changed no output:
 * builds the bundled sample, the five seeds, the bench's long report and a few
 * generated reports to DOCX, PDF and XLSX with the compiled CLI, then records
 * for each file
 *   DOCX / XLSX   the SHA-256 of every zip part (creation and modification times blanked)
 *   PDF           the SHA-256 of `pdftotext -layout` and the `pdffonts` listing
 *
 *   node scripts/output-fingerprint.mjs --write before.json
 *   node scripts/output-fingerprint.mjs --compare before.json   # exit 1 and list the differences
 *
 * Needs `npm run build` first and poppler-utils (pdftotext, pdffonts).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import JSZip from 'jszip';
import { generateReport, generateReports, reportFileName, reportYaml } from './report-generator.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({ options: { write: { type: 'string' }, compare: { type: 'string' }, keep: { type: 'boolean' } } });

const work = mkdtempSync(path.join(os.tmpdir(), 'xxgk-fingerprint-'));
const inputs = path.join(work, 'in');
const outputs = path.join(work, 'out');
execFileSync('mkdir', ['-p', inputs, outputs]);

for (const name of readdirSync(path.join(root, 'samples')).filter((file) => file.endsWith('.yaml'))) {
  copyFileSync(path.join(root, 'samples', name), path.join(inputs, name));
}
// The bench's long report (same seed and index as scripts/bench.mjs).
writeFileSync(path.join(inputs, 'long.yaml'), reportYaml(generateReport(13, { size: 'long', index: 2719 })));
generateReports(6, 2024).forEach((report, index) => writeFileSync(path.join(inputs, reportFileName(report, index)), reportYaml(report)));

execFileSync(process.execPath, [path.join(root, 'bin', 'xxgk.js'), 'build', inputs, '--to', 'docx,pdf,xlsx', '--out', outputs, '--force', '--jobs', '1'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});

const sha = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);
const TIMES = /<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g;

const fingerprint = {};
for (const file of readdirSync(outputs).sort()) {
  const full = path.join(outputs, file);
  if (file.endsWith('.pdf')) {
    const text = execFileSync('pdftotext', ['-layout', full, '-'], { encoding: 'utf8' });
    const fonts = execFileSync('pdffonts', [full], { encoding: 'utf8' });
    fingerprint[file] = { text: sha(text), fonts };
  } else {
    const zip = await JSZip.loadAsync(readFileSync(full));
    const parts = {};
    for (const name of Object.keys(zip.files).sort()) {
      if (zip.files[name].dir) continue;
      let content = await zip.files[name].async('string');
      if (name.endsWith('core.xml')) content = content.replace(TIMES, '');
      parts[name] = sha(content);
    }
    fingerprint[file] = parts;
  }
}

if (flags.write) writeFileSync(flags.write, JSON.stringify(fingerprint, null, 1));
let failed = false;
if (flags.compare) {
  const before = JSON.parse(readFileSync(flags.compare, 'utf8'));
  const names = new Set([...Object.keys(before), ...Object.keys(fingerprint)]);
  for (const name of [...names].sort()) {
    const a = JSON.stringify(before[name]);
    const b = JSON.stringify(fingerprint[name]);
    if (a === b) continue;
    failed = true;
    if (!before[name] || !fingerprint[name]) {
      console.log(`${name}: ${before[name] ? 'no longer written' : 'new'}`);
      continue;
    }
    for (const key of new Set([...Object.keys(before[name]), ...Object.keys(fingerprint[name])])) {
      if (JSON.stringify(before[name][key]) !== JSON.stringify(fingerprint[name][key])) console.log(`${name}: ${key} differs`);
    }
  }
  console.log(failed ? 'outputs differ' : `outputs identical (${names.size} files)`);
}
if (!flags.keep) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
process.exitCode = failed ? 1 : 0;
