/**
 * `xxgk serve`: the workbench over node:http on 127.0.0.1 only. Every
 * request passes the guards of security.ts before anything else; the page
 * and its scripts come from the package (built by `npm run build` into
 * dist/workbench/), never from a network.
 */
import { promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packagePath } from '../../package-paths.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { OutputWriteError } from '../../io/output-file.js';
import * as api from './api.js';
import { checkHost, checkOrigin, cookieValue, newToken, RequestRefused, sameSecret, tokenCookie } from './security.js';

/** Request bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface WorkbenchOptions {
  /** The working folder: the only place read and written. */
  folder: string;
  /** A data file of the folder to open on the first page. */
  open?: string;
  /** 0 (default): a free port. */
  port?: number;
}

export interface Workbench {
  port: number;
  token: string;
  /** The address to open, with the secret. */
  url: string;
  folder: string;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

const ASSETS: Record<string, () => { file: string; type: string }> = {
  '/assets/app.js': () => ({ file: packagePath('dist', 'workbench', 'app.js'), type: 'text/javascript; charset=utf-8' }),
  '/assets/app.css': () => ({ file: packagePath('dist', 'workbench', 'app.css'), type: 'text/css; charset=utf-8' }),
  '/assets/pdf.worker.min.mjs': () => ({ file: require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'), type: 'text/javascript; charset=utf-8' }),
  // The bundled Noto Sans SC: the page's last fallback, fetched by the browser only where no system font has the characters.
  '/assets/sans.ttf': () => ({ file: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'), type: 'font/ttf' }),
};

function page(open: string | undefined): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府信息公开工作年度报告 · 工作台</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<div id="app" data-open="${(open ?? '').replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}"><p>正在加载工作台……</p></div>
<script type="module" src="/assets/app.js"></script>
</body>
</html>
`;
}

function send(response: ServerResponse, status: number, body: string | Uint8Array, type: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'content-security-policy': "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; object-src 'none'; frame-ancestors 'none'",
    ...headers,
  });
  response.end(body);
}

const sendJson = (response: ServerResponse, status: number, value: unknown) => send(response, status, JSON.stringify(value), 'application/json; charset=utf-8');

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new RequestRefused(413, `请求内容太大（超过 ${MAX_BODY_BYTES / 1024 / 1024} MB）`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RequestRefused(413, `请求内容太大（超过 ${MAX_BODY_BYTES / 1024 / 1024} MB）`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new RequestRefused(400, '请求内容不是有效的 JSON 对象');
  }
}

type Handler = (context: api.ApiContext, body: Record<string, unknown>) => Promise<unknown> | unknown;

const JSON_ROUTES: Record<string, Handler> = {
  'GET /api/files': (context) => api.listFiles(context),
  'POST /api/new': (_, body) => api.newReport(body),
  'POST /api/open': (context, body) => api.openFile(context, body),
  'POST /api/import': (context, body) => api.importFile(context, body),
  'POST /api/drafts': (context, body) => api.draftedSentences(context, body),
  'POST /api/overview': (context, body) => api.overview(context, body),
  'POST /api/save': (context, body) => api.saveFile(context, body),
  'PUT /api/draft': (context, body) => api.saveDraft(context, body),
  'POST /api/draft/read': (context, body) => api.readDraft(context, body),
  'POST /api/draft/discard': (context, body) => api.discardDraft(context, body),
};

const BINARY_ROUTES: Record<string, (context: api.ApiContext, body: Record<string, unknown>) => Promise<api.BinaryReply>> = {
  '/api/render': api.renderOutput,
  '/api/overview/download': api.overviewDownload,
};

export async function startWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const folder = await fs.realpath(path.resolve(options.folder));
  const token = newToken();
  let fontsPromise: Promise<ResolvedFonts> | undefined;
  const context: api.ApiContext = {
    root: folder,
    fonts: () => {
      fontsPromise ??= import('../../fonts/options.js').then(({ resolveFontOptions }) => resolveFontOptions({}));
      return fontsPromise;
    },
  };
  let port = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const host = request.headers.host ?? '';
    checkHost(host, port);
    const url = new URL(request.url ?? '/', `http://${host}`);
    const fromQuery = url.searchParams.get('token') ?? undefined;
    if (method === 'GET' && sameSecret(fromQuery, token)) {
      // The secret moves into a cookie the page's scripts cannot read, and out of the address bar and history.
      url.searchParams.delete('token');
      response.writeHead(303, {
        location: url.pathname + url.search,
        'set-cookie': `${tokenCookie(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    if (!sameSecret(cookieValue(request.headers.cookie, tokenCookie(port)), token)) {
      throw new RequestRefused(403, '拒绝访问：缺少本次启动的访问密钥。请使用 xxgk serve 启动时显示的完整地址（含 ?token=…）打开工作台');
    }
    checkOrigin(request.headers.origin, host, method);

    if (method === 'GET' && url.pathname === '/') {
      send(response, 200, page(options.open), 'text/html; charset=utf-8');
      return;
    }
    const asset = method === 'GET' && Object.hasOwn(ASSETS, url.pathname) ? ASSETS[url.pathname] : undefined;
    if (asset) {
      const { file, type } = asset();
      const bytes = await fs.readFile(file).catch(() => undefined);
      if (!bytes) throw new RequestRefused(500, `工作台的页面文件缺失（${path.basename(file)}）：请先运行 npm run build`);
      send(response, 200, bytes, type, type === 'font/ttf' ? { 'cache-control': 'private, max-age=86400' } : {});
      return;
    }
    const binary = method === 'POST' && Object.hasOwn(BINARY_ROUTES, url.pathname) ? BINARY_ROUTES[url.pathname] : undefined;
    if (binary) {
      const reply = await binary(context, await readBody(request));
      send(response, 200, reply.bytes, reply.contentType, {
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(reply.fileName)}`,
        ...reply.headers,
      });
      return;
    }
    const route = JSON_ROUTES[`${method} ${url.pathname}`];
    if (!route) throw new RequestRefused(404, `没有这个地址：${url.pathname}`);
    const body = method === 'GET' ? {} : await readBody(request);
    sendJson(response, 200, await route(context, body));
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof RequestRefused) {
        sendJson(response, error.status, { message: error.message });
        // An oversized body is not read to its end.
        if (error.status === 413) request.destroy();
        return;
      }
      if (error instanceof OutputWriteError) {
        sendJson(response, 500, { message: error.message });
        return;
      }
      sendJson(response, 500, { message: `工作台内部错误：${error instanceof Error ? error.message : String(error)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    port,
    token,
    folder,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
