/**
 * The default templates are compiled when xxgk is built
 * (scripts/precompile-templates.mjs → dist/compose/templates.precompiled.json)
 * so a process does not run the Handlebars compiler. A precompiled template
 * must render exactly what the compiled one does, and a template whose text
 * differs from the one precompiled (an edited file) must be compiled afresh.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { generateReport } from '../../scripts/report-generator.mjs';
import { composeReport } from '../../src/compose/compose.js';
import { createTemplateEnvironment, DEFAULT_TEMPLATES_DIR, precompileTemplateSource } from '../../src/compose/environment.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { sampleReport } from '../helpers/sample.js';

const folder = mkdtempSync(path.join(tmpdir(), 'xxgk-precompiled-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * What the build writes, for the v2021 templates. `edit` changes the text of
 * a template before it is compiled; `recordEdited` says whether the edited
 * text (rather than the file's) is recorded as the template's source.
 */
function writePrecompiled(name: string, edit?: (relative: string, source: string) => string, recordEdited = true): string {
  const templates: Record<string, { source: string; spec: string }> = {};
  for (const file of readdirSync(path.join(DEFAULT_TEMPLATES_DIR, 'v2021'))) {
    const relative = `v2021/${file}`;
    const source = readFileSync(path.join(DEFAULT_TEMPLATES_DIR, relative), 'utf8');
    const edited = edit ? edit(relative, source) : source;
    templates[relative] = { source: recordEdited ? edited : source, spec: precompileTemplateSource(edited, relative) };
  }
  const target = path.join(folder, name);
  writeFileSync(target, JSON.stringify({ handlebars: Handlebars.VERSION, templates }));
  return target;
}

const reports = () => [sampleReport(), v2021Format.schema.parse(generateReport(3, { size: 'long' })), v2021Format.schema.parse(generateReport(4, { size: 'short' }))];

describe('precompiled default templates', () => {
  it('render exactly what compiling the templates renders', () => {
    const compiled = createTemplateEnvironment({ precompiled: false });
    const precompiled = createTemplateEnvironment({ precompiled: writePrecompiled('all.json') });
    for (const report of reports()) {
      expect(composeReport(report, v2021Format, { templates: precompiled })).toEqual(composeReport(report, v2021Format, { templates: compiled }));
    }
  });

  it('are used when the file is as compiled: the compiler does not run', () => {
    // The recorded source is the file's, the spec says something else: seeing it proves the spec was used.
    const marked = writePrecompiled('marked.json', (relative, source) => (relative === 'v2021/title.hbs' ? source.replace('@title', '@title 预编译的') : source), false);
    const document = composeReport(sampleReport(), v2021Format, { templates: createTemplateEnvironment({ precompiled: marked }) });
    expect(JSON.stringify(document.blocks.find((block) => block.kind === 'title'))).toContain('预编译的');
  });

  it('are used only while the template file is unchanged', () => {
    // Record a different text for the title template: the file on disk no longer matches, so it is compiled.
    const stale = writePrecompiled('stale.json', (relative, source) => (relative === 'v2021/title.hbs' ? source.replace('@title', '@title 过期的') : source));
    const document = composeReport(sampleReport(), v2021Format, { templates: createTemplateEnvironment({ precompiled: stale }) });
    const title = document.blocks.find((block) => block.kind === 'title');
    expect(JSON.stringify(title)).not.toContain('过期的');
  });

  it('a missing or unreadable precompiled file means compiling, not failing', () => {
    const missing = createTemplateEnvironment({ precompiled: path.join(folder, 'nothing.json') });
    writeFileSync(path.join(folder, 'broken.json'), '{ not json');
    const broken = createTemplateEnvironment({ precompiled: path.join(folder, 'broken.json') });
    const expected = composeReport(sampleReport(), v2021Format, { templates: createTemplateEnvironment({ precompiled: false }) });
    expect(composeReport(sampleReport(), v2021Format, { templates: missing })).toEqual(expected);
    expect(composeReport(sampleReport(), v2021Format, { templates: broken })).toEqual(expected);
  });
});
