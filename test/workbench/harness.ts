/**
 * The workbench for tests: a temporary working folder (the sample copied in),
 * the server started in-process on it, and raw HTTP requests that may set
 * any Host, Origin or cookie (fetch would not let a test forge a Host).
 */
import { copyFile, mkdtemp } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWorkbench, type Workbench } from '../../src/workbench/server/server.js';
import { launchChromium } from '../helpers/browser.js';
import { SAMPLE_PATH } from '../helpers/sample.js';

export const SAMPLE_NAME = path.basename(SAMPLE_PATH);

export async function workFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-workbench-'));
  await copyFile(SAMPLE_PATH, path.join(folder, SAMPLE_NAME));
  return folder;
}

export async function startOn(folder: string): Promise<Workbench> {
  return startWorkbench({ folder });
}

/**
 * The browser tests' set-up: Chromium, the workbench started on `folder`, and
 * a page open on its address (CSP bypassed so that axe-core can be injected,
 * downloads accepted, 1280×900).
 */
export async function openInChromium(folder: string): Promise<{ browser: Browser; workbench: Workbench; page: Page }> {
  const browser = await launchChromium();
  const workbench = await startOn(folder);
  const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(workbench.url);
  return { browser, workbench, page };
}

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function raw(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    let responded = false;
    const req = request(
      // A fresh connection each time: the server closes the one an oversized body came on.
      { host: '127.0.0.1', port, agent: false, method: options.method ?? 'GET', path: options.path ?? '/', headers: { host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        responded = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    // The server may refuse and close before an oversized body is sent in full.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!responded || (error.code !== 'EPIPE' && error.code !== 'ECONNRESET')) reject(error);
    });
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Headers of a request the workbench page itself would make. */
export function asPage(workbench: Workbench, write = false): Record<string, string> {
  return {
    cookie: `xxgk_token_${workbench.port}=${workbench.token}`,
    ...(write ? { origin: `http://127.0.0.1:${workbench.port}`, 'content-type': 'application/json' } : {}),
  };
}
