/**
 * Every shell example in the README runs as written (issue #12, “first run”):
 * each line of each ```sh block, in order, in a scratch folder holding copies
 * of samples/ and templates/ (the README's commands run in the repository's
 * folder), with `npx xxgk` / `xxgk` mapped to `node bin/xxgk.js`. Each must
 * exit 0, or 1 where its comment says 退出码 1. Lines that install, test or
 * benchmark (npm …, node scripts/…) are left out here; `npm pack` and the
 * global install are tested below, outside the repository.
 */
import { execFile, spawnSync } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/xxgk.js');
const SKIPPED = /^(npm\s|node\s+scripts\/)/;

/** The commands of the README's ```sh blocks, comments removed, `&&` chains split, skipped commands dropped. */
function readmeCommands(readme: string): { line: string; command: string; exit: number }[] {
  const commands: { line: string; command: string; exit: number }[] = [];
  for (const block of readme.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    for (const line of block[1]!.split('\n')) {
      const comment = /\s#\s.*$/.exec(line)?.[0] ?? '';
      const segments = line.slice(0, line.length - comment.length).split('&&').map((part) => part.trim()).filter((part) => part !== '' && !SKIPPED.test(part));
      if (segments.length === 0) continue;
      const command = segments.map((part) => part.replace(/^(npx\s+)?xxgk(?=\s|$)/, `node "${BIN}"`)).join(' && ');
      commands.push({ line: line.trim(), command, exit: /退出码\s*1/.test(comment) ? 1 : 0 });
    }
  }
  return commands;
}

describe('README examples', () => {
  it('every shell example runs as written, with the documented exit code', async () => {
    const commands = readmeCommands(await readFile('README.md', 'utf8'));
    expect(commands.filter(({ command }) => command.includes(BIN)).length).toBeGreaterThanOrEqual(15);
    const folder = await tempDir();
    await cp('samples', path.join(folder, 'samples'), { recursive: true });
    await cp('templates', path.join(folder, 'templates'), { recursive: true });
    for (const { line, command, exit } of commands) {
      const result = spawnSync('bash', ['-c', command], { cwd: folder, encoding: 'utf8', timeout: 120_000 });
      expect(result.status, `${line}\n${result.stderr}`).toBe(exit);
      expect(`${result.stdout}${result.stderr}`, line).not.toContain('程序内部出错');
    }
    // What the first command promises, and what the later ones read.
    expect(existsSync(path.join(folder, 'samples', '示范市青禾区人民政府2024年政府信息公开工作年度报告.docx'))).toBe(true);
    expect(existsSync(path.join(folder, '汇总', '汇总.xlsx'))).toBe(true);
  }, 600_000);
});

describe('installing outside the repository (npm pack, npm install -g)', () => {
  it('the README installs from the packed tarball, never by name', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    const readme = await readFile('README.md', 'utf8');
    expect(readme).toMatch(/^npm pack\b/m);
    expect(readme).toContain(`npm install -g ./xxgk-${version}.tgz`);
    expect(readme).not.toMatch(/npm install -g xxgk\b|npx -y xxgk/);
  });

  it('npm pack holds bin, dist, templates, schema, fonts/README.md and samples, and the installed xxgk runs elsewhere', async () => {
    const folder = await tempDir();
    // dist/ is already built (npm test builds first); --ignore-scripts skips the prepare build.
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], { maxBuffer: 32 * 1024 * 1024 });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    const files = new Set(packed!.files.map((file) => file.path));
    for (const needed of ['bin/xxgk.js', 'dist/bundle/main.js', 'dist/index.js', 'templates/v2021', 'schema/report.schema.json', 'fonts/README.md', 'samples/青禾区人民政府2024年报.yaml', 'package.json', 'README.md']) {
      expect([...files].some((file) => file === needed || file.startsWith(`${needed}/`)), needed).toBe(true);
    }
    expect([...files].some((file) => file.startsWith('src/') || file.startsWith('test/') || file.startsWith('node_modules/'))).toBe(false);

    const prefix = path.join(folder, 'prefix');
    const tarball = path.join(folder, packed!.filename);
    await run('npm', ['install', '-g', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: folder, timeout: 300_000, maxBuffer: 32 * 1024 * 1024 });
    const xxgk = process.platform === 'win32' ? path.join(prefix, 'xxgk.cmd') : path.join(prefix, 'bin', 'xxgk');
    const elsewhere = await tempDir();
    const help = await run(xxgk, ['--help'], { cwd: elsewhere });
    expect(help.stdout).toContain('命令：');
    expect(help.stdout).toContain('xxgk build');
    const sample = path.join(elsewhere, '数据.yaml');
    await cp(path.resolve('samples/青禾区人民政府2024年报.yaml'), sample);
    const built = await run(xxgk, ['build', sample, '--out', path.join(elsewhere, '输出')], { cwd: elsewhere });
    expect(built.stdout).toContain('已生成');
    expect(existsSync(path.join(elsewhere, '输出', '示范市青禾区人民政府2024年政府信息公开工作年度报告.docx'))).toBe(true);
  }, 600_000);
});
