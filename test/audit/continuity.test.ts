/**
 * Continuity across years in `auditDocuments`: last year given as a data file
 * (--previous), the format's cross-year rules run by validate, and the cells
 * extract could not read kept out of them row by row — a row read this year
 * is still checked, the unread one is said to be skipped.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { auditDocuments } from '../../src/audit/index.js';

const TEXT_2022 = 'test/fixtures/published/cn-fujian-pingtan-2022/source.txt';
const DATA_2021 = 'samples/published/cn-fujian-pingtan-2021.yaml';

/** Last year's data file with some cells changed. */
function previousWith(changes: [string[], number][]): Uint8Array {
  const document = parseDocument(readFileSync(DATA_2021, 'utf8'));
  for (const [path, value] of changes) document.setIn(path, value);
  return new TextEncoder().encode(document.toString());
}

const audit = (previous: Uint8Array) =>
  auditDocuments([{ name: '平潭2022.txt', bytes: readFileSync(TEXT_2022) }], { previous: [{ name: '平潭2021.yaml', bytes: previous }] });

describe('continuity with last year', () => {
  it('holds for the real 2021 → 2022 reports: nothing but the note on the unread row', async () => {
    const { reports, inputProblems } = await audit(readFileSync(DATA_2021));
    expect(inputProblems).toEqual([]);
    expect(reports[0]!.previous).toBe('平潭2021.yaml');
    const continuity = reports[0]!.diagnostics.filter((d) => /^V21-T[12]-0[234]$/.test(d.code) || d.code === 'AUDIT-CONTINUITY-SKIPPED');
    expect(continuity.map((d) => d.code)).toEqual(['AUDIT-CONTINUITY-SKIPPED']);
    expect(continuity[0]!.message).toBe(
      '「二、主动公开政府信息情况」在本报告或上年报告（平潭2021.yaml）中有格未能读出，这张表的跨年勾稽检查（V21-T1-02、V21-T1-03）未核对这些格',
    );
  });

  it('finds 上年结转 that does not continue last year’s 结转下年度, and 现行有效 of a row it could read', async () => {
    const { reports } = await audit(
      previousWith([
        [['tables', 'requests', 'carry_out', 'np'], 3],
        [['tables', 'requests', 'carry_out', 'tot'], 3],
        [['tables', 'proactive', 'reg_in_force'], 5],
      ]),
    );
    const found = reports[0]!.diagnostics.filter((d) => /^V21-T[12]-0[234]$/.test(d.code));
    expect(found.map((d) => `${d.code} ${d.path.join('.')}`)).toEqual([
      'V21-T1-02 tables.proactive.reg_in_force',
      'V21-T2-04 tables.requests.carry_in.np',
      'V21-T2-04 tables.requests.carry_in.tot',
    ]);
    expect(found[1]!.message).toBe('「三、收到和处理政府信息公开申请情况」表「二、上年结转政府信息公开申请数量」行「自然人」列为 1，但上年报告中「四、结转下年度继续办理」行「自然人」列为 3，二者应相等');
    expect(found[1]!.place).toMatchObject({ table: { id: 't2' }, row: { id: 'carry_in' }, column: { id: 'np' } });
    expect(found.every((d) => d.file === '平潭2022.txt')).toBe(true);
  });
});
