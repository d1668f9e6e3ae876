// Regenerates schema/report.schema.json from the zod source (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { reportJsonSchema } from '../dist/schema-json.js';

const target = new URL('../schema/report.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
console.log(`已更新 ${target.pathname}`);
