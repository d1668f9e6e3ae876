/**
 * Real browsers for the tests, never downloaded ones: Debian's `chromium`
 * (apt-get install chromium) driven by playwright-core, and Debian's
 * `firefox-esr` driven by puppeteer-core over WebDriver BiDi (playwright
 * cannot drive a stock Firefox). `CHROMIUM_PATH` / `FIREFOX_PATH` override
 * where they are. Also runs axe-core (WCAG 2.1 AA) inside a page of either.
 *
 *   describe.skipIf(skipWithout('Chromium', hasChromium(), CHROMIUM_HINT))('…', () => { … });
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser } from 'puppeteer-core';

const require = createRequire(import.meta.url);

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

export const CHROMIUM_HINT = 'apt-get install -y chromium (or set CHROMIUM_PATH)';

export function chromiumPath(): string | undefined {
  const fromEnvironment = process.env.CHROMIUM_PATH;
  if (fromEnvironment) return existsSync(fromEnvironment) ? fromEnvironment : undefined;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

export function hasChromium(): boolean {
  return chromiumPath() !== undefined;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(`Chromium not found: ${CHROMIUM_HINT}`);
  // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}

const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

export const FIREFOX_HINT = 'apt-get install -y firefox-esr (or set FIREFOX_PATH)';

export function firefoxPath(): string | undefined {
  const fromEnvironment = process.env.FIREFOX_PATH;
  if (fromEnvironment) return existsSync(fromEnvironment) ? fromEnvironment : undefined;
  return FIREFOX_CANDIDATES.find((candidate) => existsSync(candidate));
}

export function hasFirefox(): boolean {
  return firefoxPath() !== undefined;
}

/** Debian's Firefox ESR, headless, driven over WebDriver BiDi. */
export async function launchFirefox(): Promise<PuppeteerBrowser> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error(`Firefox not found: ${FIREFOX_HINT}`);
  return puppeteer.launch({ browser: 'firefox', executablePath, headless: true, protocolTimeout: 180_000 });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

let axeSource: string | undefined;

/** What axeViolations needs of a page: playwright's and puppeteer's both have it. */
interface EvaluatingPage {
  evaluate<T>(script: string | (() => Promise<T>)): Promise<T>;
}

/**
 * Runs axe-core in the page with the WCAG 2.0/2.1 A and AA rules and returns
 * the violations. axe is evaluated as the driver's own script, which the
 * page's CSP (no inline scripts) does not stop.
 */
export async function axeViolations(page: EvaluatingPage): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate<unknown>(`${axeSource}\n;undefined`);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, html: node.html })),
    }));
  });
}

/** One line per violation, for assertion messages. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}
