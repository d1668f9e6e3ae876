import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process and captures what it prints. */
export async function cli(args: string[], today = new Date('2025-01-15T00:00:00Z')): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { printer: { out: (t) => out.push(t), err: (t) => err.push(t) }, today: () => today });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const execFileAsync = promisify(execFile);
const BIN = path.resolve('bin/xxgk.js');

/** Runs the installed command (`node bin/xxgk.js`, the bundled CLI) as a real process. */
export async function xxgkProcess(args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

export async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'xxgk-test-'));
}

/** Every entry of a folder, hidden temporary files included. */
export async function listAll(folder: string): Promise<string[]> {
  return (await readdir(folder)).sort();
}

export const SAMPLE = path.resolve('samples/青禾区人民政府2024年报.yaml');
