/**
 * The workbench's guards: the per-start secret (a cookie after the first
 * page), the Host check against DNS rebinding, the Origin check on writes,
 * and names from the browser confined to the working folder (no `..`, no
 * absolute paths, no symbolic link that leads out).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The cookie holding the secret. Cookies are shared by every port of a host,
 * so its name carries the port: a second workbench started beside the first
 * does not replace the first one's secret.
 */
export const tokenCookie = (port: number) => `xxgk_token_${port}`;

/** A request refused with an HTTP status and one Chinese sentence. */
export class RequestRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const cut = part.indexOf('=');
    if (cut < 0) continue;
    if (part.slice(0, cut).trim() === name) return part.slice(cut + 1).trim();
  }
  return undefined;
}

/** The hosts a page of this server may be addressed by. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function checkHost(host: string | undefined, port: number): void {
  if (!host || !allowedHosts(port).includes(host.toLowerCase())) {
    throw new RequestRefused(403, `拒绝访问：请求的主机名“${host ?? ''}”不是本机工作台的地址（只接受 127.0.0.1:${port} 或 localhost:${port}）`);
  }
}

/** Writes must come from the workbench page itself: its Origin is this server's. */
export function checkOrigin(origin: string | undefined, host: string, method: string): void {
  if (method === 'GET' || method === 'HEAD') return;
  if (origin !== `http://${host.toLowerCase()}`) {
    throw new RequestRefused(403, `拒绝写入：请求不是来自本机工作台页面（来源“${origin ?? '无'}”）`);
  }
}

/**
 * The absolute path of `name` inside `root`, refusing absolute paths, `..`
 * and anything whose real path (symbolic links followed) lies outside the
 * working folder. A file that does not exist yet is checked by its folder.
 */
export async function resolveInFolder(root: string, name: unknown): Promise<string> {
  if (typeof name !== 'string' || name.trim() === '' || name.includes('\0')) {
    throw new RequestRefused(400, '文件名为空或无效');
  }
  const segments = name.split(/[\\/]/);
  if (path.isAbsolute(name) || path.win32.isAbsolute(name) || /^[a-zA-Z]:/.test(name) || segments.includes('..')) {
    throw new RequestRefused(403, `拒绝访问“${name}”：只能使用工作文件夹里的文件（不能用绝对路径或“..”）`);
  }
  const realRoot = await fs.realpath(root);
  const target = path.resolve(realRoot, ...segments.filter((segment) => segment !== '' && segment !== '.'));
  const inside = (candidate: string) => candidate === realRoot || candidate.startsWith(realRoot + path.sep);
  let real: string;
  try {
    real = await fs.realpath(target);
  } catch {
    // Not there yet (a new file): its folder must exist and lie inside.
    const folder = await fs.realpath(path.dirname(target)).catch(() => undefined);
    if (folder === undefined) throw new RequestRefused(404, `找不到文件夹：${path.dirname(name) || '.'}`);
    real = path.join(folder, path.basename(target));
  }
  if (!inside(real) || real === realRoot) {
    throw new RequestRefused(403, `拒绝访问“${name}”：它（经由快捷方式或符号链接）指向工作文件夹之外`);
  }
  return real;
}
