#!/usr/bin/env node
/**
 * What bounds a cold xxgk command (issue #16): runs it once with
 * `node --cpu-prof` (every thread writes its own profile) and adds up the
 * self time of the profile's samples by category, from each frame's source:
 * the parts of the code cache (dist/bundle/xxgk.parts.origins.json) and the
 * ES module bundle (its .js.map files) are mapped back to the original files;
 * Node's own frames (fs, zlib, …) count for the nearest caller that has a
 * category.
 *
 *   node scripts/bench-profile.mjs build samples/x.yaml --to pdf --out /tmp/x.pdf   # prints the table
 *
 * scripts/bench.mjs imports profileCommand and profileTable for every missed target.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeMappings, segmentAt } from './bundle-parts/cold-parts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundleDir = path.join(root, 'dist', 'bundle');

/** The categories, in the order the table lists them. */
export const CATEGORIES = [
  ['load', '加载、编译脚本（含 Node 启动）'],
  ['deserialize', '代码缓存反序列化（vm.Script）'],
  ['gc', '垃圾回收'],
  ['yaml', 'yaml 解析'],
  ['zod', 'zod 校验'],
  ['yargs', 'yargs 命令行'],
  ['fonts', '字体（读文件、fontkit 解析、查找）'],
  ['validate', 'xxgk 校验与排版'],
  ['pdf', 'PDF 生成（xxgk 排版、pdfkit、pdfmake）'],
  ['docx', 'docx'],
  ['exceljs', 'exceljs（XLSX）'],
  ['thread', '线程、批量调度'],
  ['other', '其他（V8 内部、未归类）'],
];

/** The category of an original source file (relative to the package, or a node_modules path). */
function categoryOfSource(source) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
  if (pkg) {
    if (pkg === 'yaml') return 'yaml';
    if (pkg === 'zod') return 'zod';
    if (/^(yargs|yargs-parser|cliui|y18n|escalade|get-caller-file|string-width|wrap-ansi|strip-ansi|ansi-regex|emoji-regex)$/.test(pkg)) return 'yargs';
    if (/^(fontkit|restructure|unicode-properties|unicode-trie|brotli|tiny-inflate|dfa|clone|@swc\/helpers|base64-js)$/.test(pkg)) return 'fonts';
    if (/^(pdfkit|pdfmake|linebreak|png-js|jpeg-exif|crypto-js|@noble\/.*|fast-deep-equal|xmldoc|sax)$/.test(pkg)) return 'pdf';
    if (/^(docx|fflate|xml|xml-js|nanoid|hash\.js|jszip-sync)$/.test(pkg)) return 'docx';
    if (/^(exceljs|jszip|pako|saxes|xmlchars|archiver|unzipper|dayjs|fast-csv|readable-stream|lie|immediate|setimmediate)$/.test(pkg)) return 'exceljs';
    if (/^(piscina|cli-progress)$/.test(pkg)) return 'thread';
    if (pkg === 'handlebars') return 'validate';
    return 'other';
  }
  if (/(^|\/)scripts\/bundle-parts\/tiny-inflate/.test(source)) return 'fonts';
  if (/(^|\/)scripts\/bundle-parts\/jszip/.test(source)) return 'exceljs';
  if (/src\/cli\/cold\//.test(source)) return 'load';
  if (/src\/fonts\//.test(source)) return 'fonts';
  if (/src\/render\/pdf/.test(source)) return 'pdf';
  if (/src\/render\/docx/.test(source)) return 'docx';
  if (/src\/render\/xlsx/.test(source)) return 'exceljs';
  if (/src\/batch\//.test(source)) return 'thread';
  if (/src\/cli\//.test(source)) return 'yargs';
  if (/src\//.test(source)) return 'validate';
  return 'other';
}

/** Maps a profile frame (url, 0-based line and column) to a source file; undefined for Node's own code. */
function sourceLocator() {
  let origins;
  const esmMaps = new Map();
  const originsOf = () => {
    if (origins === undefined) {
      try {
        origins = JSON.parse(readFileSync(path.join(bundleDir, 'xxgk.parts.origins.json'), 'utf8'));
      } catch {
        origins = null;
      }
    }
    return origins;
  };
  return (url, line, column) => {
    if (!url) return undefined;
    const part = /[\\/]dist[\\/]bundle[\\/]parts[\\/]([^\\/]+)$/.exec(url)?.[1];
    if (part) {
      const table = originsOf()?.parts[part];
      if (!table) return `dist/bundle/parts/${part}`;
      let low = 0;
      let high = table.length - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const [l, c] = table[mid];
        if (l < line || (l === line && c <= column)) {
          found = mid;
          low = mid + 1;
        } else high = mid - 1;
      }
      return found >= 0 && table[found][2] >= 0 ? originsOf().sources[table[found][2]] : `dist/bundle/parts/${part}`;
    }
    if (url.startsWith('file://')) {
      const file = fileURLToPath(url);
      if (file.startsWith(bundleDir) && file.endsWith('.js')) {
        if (!esmMaps.has(file)) {
          try {
            const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
            esmMaps.set(file, { lines: decodeMappings(map.mappings), sources: map.sources.map((s) => path.resolve(path.dirname(file), s)) });
          } catch {
            esmMaps.set(file, null);
          }
        }
        const map = esmMaps.get(file);
        const segment = map && segmentAt(map.lines[line], column);
        return segment ? path.relative(root, map.sources[segment[1]]) : path.relative(root, file);
      }
      return path.relative(root, file);
    }
    return undefined;
  };
}

/** Self time (ms) of one profile by category. */
export function categorize(profile, locate = sourceLocator(), bySource = undefined) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const categoryOf = new Map();
  const own = (node) => {
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    if (functionName === '(garbage collector)') return 'gc';
    if (functionName === '(program)') return 'other';
    if (functionName === '(idle)' || functionName === '(root)') return null;
    if (url === 'node:vm' && /^(Script|createScript)$/.test(functionName)) return 'deserialize';
    if (/^node:internal\/(modules|vm|bootstrap|main|process\/(execution|pre_execution))/.test(url) || url === 'node:vm') return 'load';
    if (/^node:internal\/worker/.test(url) || url === 'node:worker_threads') return 'thread';
    const source = locate(url, lineNumber, columnNumber);
    if (source === undefined) return undefined; // Node's own code: its caller's category
    if (/(^|\/)bin\/xxgk\.js$/.test(source) || /dist\/cli\/cold\//.test(source)) return 'load';
    return categoryOfSource(source);
  };
  const sourceOf = (node) => {
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    return `${locate(url, lineNumber, columnNumber) ?? url} ${functionName}`;
  };
  const resolve = (id) => {
    if (categoryOf.has(id)) return categoryOf.get(id);
    let category = own(nodes.get(id));
    if (category === undefined) category = parent.has(id) ? resolve(parent.get(id)) : 'load';
    categoryOf.set(id, category);
    return category;
  };
  const totals = Object.fromEntries(CATEGORIES.map(([key]) => [key, 0]));
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, index) => {
    const category = resolve(id);
    const time = (deltas[index + 1] ?? deltas[index] ?? 0) / 1000;
    if (category) totals[category] += time;
    if (bySource && category) {
      const key = `${category}  ${sourceOf(nodes.get(id))}`;
      bySource.set(key, (bySource.get(key) ?? 0) + time);
    }
  });
  return totals;
}

/**
 * Runs `node <args>` once with --cpu-prof; returns each thread's totals by
 * category (the main thread first), or { error } when profiling failed.
 */
/** Reports the child's CPU time (all threads) on fd 3 when it exits. */
const PROBE = `data:text/javascript,${encodeURIComponent(
  'import{writeSync}from"node:fs";process.on("exit",()=>{const u=process.cpuUsage();try{writeSync(3,JSON.stringify({cpu:(u.user+u.system)/1e3}))}catch{}});',
)}`;

export function profileCommand(args, { env = process.env, cwd = root, bySource } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-profile-'));
  try {
    const child = spawnSync(process.execPath, ['--import', PROBE, '--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '250', ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) return { error: `进程退出码 ${child.status}：${child.stderr.toString().trim().split('\n').slice(-2).join(' ').slice(0, 200)}` };
    // CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile; thread 0 is the main thread.
    const files = readdirSync(dir)
      .filter((file) => file.endsWith('.cpuprofile'))
      .map((file) => ({ file, thread: Number(file.split('.').at(-3)) }))
      .sort((a, b) => a.thread - b.thread);
    if (files.length === 0) return { error: '没有写出 CPU 剖析文件' };
    const locate = sourceLocator();
    const threads = files.map(({ file, thread }) => {
      const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      const totals = categorize(profile, locate, bySource);
      return { thread, totals, total: Object.values(totals).reduce((sum, value) => sum + value, 0) };
    });
    // The samples are taken on the clock, so on a busy machine they also count the time a thread waited for a core:
    // scaled down together to the process's CPU time (user + system, all threads) when that is less.
    let cpu = NaN;
    try {
      cpu = JSON.parse(child.output[3].toString()).cpu;
    } catch {
      // no probe figure: the totals stay as sampled
    }
    const sampled = threads.reduce((sum, t) => sum + t.total, 0);
    const scale = Number.isFinite(cpu) && cpu < sampled ? cpu / sampled : 1;
    for (const t of threads) {
      for (const key of Object.keys(t.totals)) t.totals[key] *= scale;
      t.total *= scale;
    }
    return { threads, cpu, sampled, scaled: scale < 1 };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The Chinese Markdown table of a profile: a column per thread (at most
 * `columns`; the rest added up in the last), the categories with ≥ 1 ms.
 */
export function profileTable(title, result, { columns = 3, threadLabel = (t, i) => (i === 0 ? '主线程' : `线程 ${t.thread}`) } = {}) {
  if (result.error) return `${title}：剖析失败（${result.error}）`;
  let threads = result.threads.map((t, i) => ({ ...t, label: threadLabel(t, i) }));
  if (threads.length > columns) {
    const rest = threads.slice(columns - 1);
    const totals = Object.fromEntries(CATEGORIES.map(([key]) => [key, rest.reduce((sum, t) => sum + t.totals[key], 0)]));
    threads = [...threads.slice(0, columns - 1), { label: `其余 ${rest.length} 个线程合计`, totals, total: rest.reduce((sum, t) => sum + t.total, 0) }];
  }
  const ms = (value) => `${value.toFixed(0)} ms`;
  const how = result.scaled ? `，按进程 CPU 时间 ${ms(result.cpu)} 折算（采样共 ${ms(result.sampled)}，含等待 CPU 的时间）` : '';
  const lines = [`${title}（--cpu-prof，各线程按类别相加的自身时间${how}）：`, '', `| 类别 | ${threads.map((t) => t.label).join(' | ')} |`, `|---|${threads.map(() => '--:').join('|')}|`];
  for (const [key, label] of CATEGORIES) {
    if (threads.every((t) => t.totals[key] < 1)) continue;
    lines.push(`| ${label} | ${threads.map((t) => `${ms(t.totals[key])}（${((100 * t.totals[key]) / (t.total || 1)).toFixed(0)}%）`).join(' | ')} |`);
  }
  lines.push(`| 合计 | ${threads.map((t) => ms(t.total)).join(' | ')} |`);
  return lines.join('\n');
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  if (!existsSync(path.join(root, 'bin', 'xxgk.js'))) throw new Error('bench-profile: run from a built checkout');
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  const top = process.env.XXGK_PROFILE_TOP ? new Map() : undefined;
  const result = profileCommand([path.join(root, 'bin', 'xxgk.js'), ...process.argv.slice(2)], { env, bySource: top });
  console.log(profileTable(`xxgk ${process.argv.slice(2).join(' ')}`, result, { columns: 4 }));
  // XXGK_PROFILE_TOP=30: also the functions with the most self time, all threads together.
  if (top) for (const [key, value] of [...top].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.XXGK_PROFILE_TOP))) console.log(`${value.toFixed(0).padStart(6)} ms  ${key}`);
}
