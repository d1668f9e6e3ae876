/**
 * Tests that need something outside the repository (LibreOffice, poppler, the
 * compiled dist/) skip where it is missing — on a developer's machine. Under
 * CI (process.env.CI set, as .ci/run does) nothing skips: a missing
 * requirement is a failing test of its own that says what is missing and how
 * to get it, and the tests that need it run (and fail) too, so a green CI run
 * never hides them.
 *
 *   describe.skipIf(skipWithout('LibreOffice (soffice)', hasSoffice(), 'apt-get install libreoffice-writer-nogui'))(…)
 */
import { spawnSync } from 'node:child_process';
import { it } from 'vitest';

/** True under CI: set by .ci/run and by every CI service; `CI=false` or `CI=0` counts as unset. */
export const IN_CI = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());

/**
 * Whether the tests needing `what` should be skipped: only where it is missing
 * and not under CI. Under CI a missing requirement registers a failing test
 * (where this is called: at file level or inside the current describe) and
 * returns false, so the tests run too.
 */
export function skipWithout(what: string, present: boolean, hint: string): boolean {
  if (present) return false;
  if (!IN_CI) return true;
  it(`has ${what} (CI runs every test)`, () => {
    throw new Error(`${what} is missing, and under CI no test may skip: ${hint}`);
  });
  return false;
}

/** Whether a command is on PATH. */
export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v '${command.replace(/'/g, "'\\''")}'`], { stdio: 'ignore' }).status === 0;
}

/** The hint for anything in dist/: `npm test` builds it first. */
export const BUILD_HINT = 'run `npm run build` (npm test builds first)';
