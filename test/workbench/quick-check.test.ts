/**
 * The workbench's keystroke check (src/workbench/client/model.ts quickCheck):
 * a table cell's edit is checked on that table alone, and what it shows on
 * the cells must be what the full check (`xxgk validate`) shows there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check, quickCheck, setIn, type Checked, type Data, type Path } from '../../src/workbench/client/model.js';
import { SAMPLE_PATH } from '../helpers/sample.js';

const NAME = 'report.yaml';
const sample = (): Data => parse(readFileSync(SAMPLE_PATH, 'utf8')) as Data;
const TOTAL: Path = ['tables', 'requests', 'new', 'tot'];

/** The messages by cell, comparable across the two checks. */
const messages = (checked: Checked) =>
  Object.fromEntries([...checked.byCell].filter(([key]) => key.startsWith('t2:')).map(([key, list]) => [key, list.map((d) => `${d.severity} ${d.code} ${d.message}`)]));

describe('quickCheck: a table keystroke checked on its table', () => {
  it('puts a wrong total’s message on its cell, word for word as the full check does, and takes it away when fixed', () => {
    const data = sample();
    const start = check(data, NAME);
    expect(messages(start)).toEqual({});
    const wrong = setIn(data, TOTAL, 64);
    const quick = quickCheck(start, wrong, NAME, TOTAL);
    expect(quick).toBeDefined();
    const full = check(wrong, NAME);
    expect(messages(full)['t2:new:tot']?.[0]).toMatch(/为 64，但/);
    expect(messages(quick!)).toEqual(messages(full));
    expect(quick!.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual(full.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message));
    const fixed = setIn(wrong, TOTAL, 63);
    const again = quickCheck(quick!, fixed, NAME, TOTAL);
    expect(messages(again!)).toEqual({});
    expect(again!.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a component cell moves the message onto the totals it breaks, as the full check does', () => {
    const data = sample();
    const start = check(data, NAME);
    const path: Path = ['tables', 'requests', 'new', 'np'];
    const changed = setIn(data, path, 99);
    // The 总计 cells stay as typed in the sample, so they no longer add up.
    expect(messages(quickCheck(start, changed, NAME, path)!)).toEqual(messages(check(changed, NAME)));
    expect(Object.keys(messages(check(changed, NAME))).length).toBeGreaterThan(0);
  });

  it('leaves what the table’s schema refuses (text in a number cell) and edits outside the tables to the full check', () => {
    const data = sample();
    const start = check(data, NAME);
    expect(quickCheck(start, setIn(data, TOTAL, '六十四'), NAME, TOTAL)).toBeUndefined();
    // Text in a 总计 cell is not replaced by the computed sum: the full check refuses it on that cell.
    expect(check(setIn(data, TOTAL, '六十四'), NAME).byCell.get('t2:new:tot')?.[0]?.severity).toBe('error');
    const name: Path = ['organization', 'name'];
    expect(quickCheck(start, setIn(data, name, '别的机关'), NAME, name)).toBeUndefined();
  });
});
