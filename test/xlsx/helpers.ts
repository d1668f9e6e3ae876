/** Test helpers for workbooks: read back with exceljs, inspect or rewrite the raw XML parts. */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DOMParser } from '@xmldom/xmldom';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import type { FormatDefinition } from '../../src/formats/format.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { sampleReport } from '../helpers/sample.js';

export const run = promisify(execFile);
export const FORMATS = [v2021Format as FormatDefinition<unknown>];

export async function readWithExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

/** The sample report's document as `xxgk build` composes it, with the organisation level the lead adds to meta. */
export function sampleDocument() {
  const report = sampleReport();
  const document = composeReport(report, v2021Format);
  (document.meta as unknown as Record<string, unknown>).organizationLevel = report.organization.level;
  return document;
}

export async function sampleWorkbook(): Promise<Uint8Array> {
  return renderXlsx(sampleDocument());
}

export async function unzip(bytes: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

/** Rewrites one XML part of a workbook (for simulating other programs' output). */
export async function rewritePart(bytes: Uint8Array, part: string, edit: (xml: string) => string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file(part)!.async('string');
  zip.file(part, edit(xml));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Throws when any XML part is not well-formed. */
export async function assertWellFormed(bytes: Uint8Array): Promise<void> {
  const zip = await JSZip.loadAsync(bytes);
  for (const name of Object.keys(zip.files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    const errors: string[] = [];
    new DOMParser({ onError: (level, message) => level !== 'warning' && errors.push(message) }).parseFromString(xml, 'text/xml');
    if (errors.length) throw new Error(`${name}: ${errors.join('; ')}`);
  }
}

export async function workDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'xxgk-xlsx-'));
}
