#!/usr/bin/env node
/**
 * Part of `npm run build`: checks and compiles every default section template
 * (templates/**\/*.hbs) once, into dist/compose/templates.precompiled.json, so
 * that a process renders them without running the Handlebars compiler (most of
 * a cold build's composition time). At run time a template is taken from this
 * file only while its text is exactly the one compiled here.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const environment = await import(pathToFileURL(path.join(root, 'dist', 'compose', 'environment.js')).href);
const { default: Handlebars } = await import('handlebars');
const { DEFAULT_TEMPLATES_DIR, PRECOMPILED_TEMPLATES_FILE, precompileTemplateSource } = environment;

const templates = {};
const walk = (folder) => {
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (entry.name.endsWith('.hbs')) {
      // Read as the environment reads it: UTF-8 without a byte-order mark.
      const source = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      try {
        templates[path.relative(DEFAULT_TEMPLATES_DIR, file).split(path.sep).join('/')] = { source, spec: precompileTemplateSource(source, file) };
      } catch (error) {
        // Left to run time, where the same error is reported to whoever uses the template.
        console.warn(`precompile-templates: skipped ${path.relative(root, file)}: ${error.message}`);
      }
    }
  }
};
walk(DEFAULT_TEMPLATES_DIR);
writeFileSync(PRECOMPILED_TEMPLATES_FILE, JSON.stringify({ handlebars: Handlebars.VERSION, templates }));
console.log(`precompiled ${Object.keys(templates).length} templates → ${path.relative(root, PRECOMPILED_TEMPLATES_FILE)}`);
