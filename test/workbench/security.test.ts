/**
 * The workbench's guards (issue #14 item 6), over raw HTTP: the per-start
 * secret, DNS rebinding, foreign origins, paths leading out of the working
 * folder, oversized bodies, and saves that would overwrite a changed file.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Workbench } from '../../src/workbench/server/server.js';
import { asPage, raw, SAMPLE_NAME, startOn, workFolder } from './harness.js';

let folder: string;
let outside: string;
let workbench: Workbench;

beforeAll(async () => {
  folder = await workFolder();
  outside = await workFolder();
  await writeFile(path.join(outside, 'secret.yaml'), 'year: 2024\n');
  await symlink(path.join(outside, 'secret.yaml'), path.join(folder, 'link-out.yaml'));
  await symlink(outside, path.join(folder, 'folder-out'));
  await mkdir(path.join(folder, 'sub'));
  workbench = await startOn(folder);
});
afterAll(async () => workbench?.close());

const post = (path: string, body: unknown, headers?: Record<string, string>) =>
  raw(workbench.port, { method: 'POST', path, headers: headers ?? asPage(workbench, true), body: JSON.stringify(body) });

describe('the secret', () => {
  it('refuses every request without it', async () => {
    for (const target of ['/', '/api/files', '/assets/app.js']) {
      const reply = await raw(workbench.port, { path: target });
      expect(reply.status, target).toBe(403);
      expect(reply.body).toContain('访问密钥');
    }
    expect((await raw(workbench.port, { path: '/api/files', headers: { cookie: `xxgk_token_${workbench.port}=wrong` } })).status).toBe(403);
    expect((await raw(workbench.port, { path: '/?token=wrong' })).status).toBe(403);
  });

  it('moves it from the address into an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const reply = await raw(workbench.port, { path: `/?token=${workbench.token}` });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toContain(`xxgk_token_${workbench.port}=${workbench.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await raw(workbench.port, { path: '/', headers: asPage(workbench) });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="zh-CN">');
  });

  it('prints an address on 127.0.0.1 with the secret', () => {
    expect(workbench.url).toBe(`http://127.0.0.1:${workbench.port}/?token=${workbench.token}`);
  });
});

describe('hosts and origins', () => {
  it('refuses a foreign Host (DNS rebinding) and accepts localhost with the port', async () => {
    const foreign = await raw(workbench.port, { path: '/api/files', headers: { ...asPage(workbench), host: `evil.example:${workbench.port}` } });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).message).toContain('不是本机工作台的地址');
    const otherPort = await raw(workbench.port, { path: '/api/files', headers: { ...asPage(workbench), host: `127.0.0.1:${workbench.port + 1}` } });
    expect(otherPort.status).toBe(403);
    const local = await raw(workbench.port, { path: '/api/files', headers: { ...asPage(workbench), host: `localhost:${workbench.port}` } });
    expect(local.status).toBe(200);
    expect(JSON.parse(local.body).files.map((f: { name: string }) => f.name)).toContain(SAMPLE_NAME);
  });

  it('refuses a write from a foreign Origin or with none', async () => {
    const body = { name: SAMPLE_NAME };
    const foreign = await post('/api/open', body, { ...asPage(workbench, true), origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).message).toContain('拒绝写入');
    const none = await post('/api/open', body, { cookie: `xxgk_token_${workbench.port}=${workbench.token}`, 'content-type': 'application/json' });
    expect(none.status).toBe(403);
    expect((await post('/api/open', body)).status).toBe(200);
  });
});

describe('paths', () => {
  it.each([
    ['../secret.yaml', 403],
    ['sub/../../secret.yaml', 403],
    ['/etc/passwd', 403],
    ['C:\\Windows\\win.ini', 403],
    ['link-out.yaml', 403],
    ['folder-out/secret.yaml', 403],
  ])('refuses %s', async (name, status) => {
    const reply = await post('/api/open', { name });
    expect(reply.status).toBe(status);
    expect(JSON.parse(reply.body).message).toMatch(/拒绝访问/);
  });

  it('refuses to save through a symlink leading out, and writes nothing there', async () => {
    const reply = await post('/api/save', { name: 'folder-out/new.yaml', data: { year: 2024 }, version: null });
    expect(reply.status).toBe(403);
    await expect(readFile(path.join(outside, 'new.yaml'))).rejects.toThrow();
  });
});

describe('bodies', () => {
  it('refuses a body over 20 MB with 413', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 0x20);
    const reply = await raw(workbench.port, { method: 'POST', path: '/api/save', headers: asPage(workbench, true), body: big });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).message).toContain('请求内容太大');
  });
});

describe('saving', () => {
  it('keeps the comments of a hand-edited file and refuses to overwrite a file changed since it was opened', async () => {
    const opened = JSON.parse((await post('/api/open', { name: SAMPLE_NAME })).body);
    expect(opened.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    const data = structuredClone(opened.data);
    data.tables.proactive.nd_issued = 7;
    data.organization.contact.phone = '0871-65550999';
    const saved = await post('/api/save', { name: SAMPLE_NAME, data, version: opened.version });
    expect(saved.status, saved.body).toBe(200);
    const text = await readFile(path.join(folder, SAMPLE_NAME), 'utf8');
    expect(parse(text).tables.proactive.nd_issued).toBe(7);
    expect(parse(text).organization.contact.phone).toBe('0871-65550999');
    // The hand-written comments, and rows written on one line, are still there.
    expect(text).toContain('# 三、收到和处理政府信息公开申请情况');
    expect(text).toContain('# 每行依次为：自然人 np、商业企业 biz');
    expect(text).toMatch(/new: +\{ np: 52, biz: 6, res: 1, ngo: 0, law: 3, oth: 1, tot: 63 \}/);
    // Text a person wrote as a block stays a block.
    expect(text).toContain('overview:\n    - |-\n');

    // A second tab saving with the version it opened is told, and the file keeps the first save.
    const stale = await post('/api/save', { name: SAMPLE_NAME, data: opened.data, version: opened.version });
    expect(stale.status).toBe(409);
    expect(JSON.parse(stale.body).message).toContain('在打开之后已被修改');
    expect(parse(await readFile(path.join(folder, SAMPLE_NAME), 'utf8')).tables.proactive.nd_issued).toBe(7);

    // A new report never overwrites an existing file.
    const clash = await post('/api/save', { name: SAMPLE_NAME, data, version: null });
    expect(clash.status).toBe(409);
  });

  it('refuses a download of an invalid report with the reason, and renders a valid one', async () => {
    const opened = JSON.parse((await post('/api/open', { name: SAMPLE_NAME })).body);
    const data = structuredClone(opened.data);
    data.tables.requests.new.tot = 64;
    const refused = await post('/api/render', { kind: 'docx', name: SAMPLE_NAME, data });
    expect(refused.status).toBe(422);
    expect(JSON.parse(refused.body).message).toContain('请先改正错误；没有生成任何文件');
    const docx = await raw(workbench.port, { method: 'POST', path: '/api/render', headers: asPage(workbench, true), body: JSON.stringify({ kind: 'docx', name: SAMPLE_NAME, data: opened.data }) });
    expect(docx.status).toBe(200);
    expect(decodeURIComponent(String(docx.headers['content-disposition']))).toContain('示范市青禾区人民政府2024年政府信息公开工作年度报告.docx');
  });
});

describe('xxgk serve', () => {
  it('prints the address with the secret, serves the page, and stops on Ctrl-C leaving no temporary file', async () => {
    const child = spawn(process.execPath, [path.resolve('bin/xxgk.js'), 'serve', folder, '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=[\w-]+/.exec(output);
        if (match) resolve(match[0]);
      });
      child.on('exit', () => reject(new Error(`serve exited: ${output}`)));
    });
    const port = Number(new URL(url).port);
    const first = await raw(port, { path: new URL(url).pathname + new URL(url).search });
    expect(first.status).toBe(303);
    expect((await raw(port, { path: '/api/files' })).status).toBe(403);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(output).toContain('工作台已停止');
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(folder)).filter((name) => name.includes('.tmp') || name.startsWith('.xxgk-tmp'))).toEqual([]);
  });
});
