/** Calls to the workbench server (same origin; the secret travels in its HttpOnly cookie). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function failure(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as { message?: string } | undefined;
  return new ApiError(response.status, body?.message ?? `服务器返回错误 ${response.status}`);
}

export async function call<T>(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, init: { keepalive?: boolean } = {}): Promise<T> {
  const response = await fetch(url, {
    method,
    ...(init.keepalive ? { keepalive: true } : {}),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export interface Rendered {
  bytes: ArrayBuffer;
  fileName: string;
  pages?: number;
  warnings: string[];
}

export async function render(body: unknown, url = '/api/render', signal?: AbortSignal): Promise<Rendered> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
  if (!response.ok) throw await failure(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const pages = response.headers.get('x-xxgk-pages');
  return {
    bytes: await response.arrayBuffer(),
    fileName: match ? decodeURIComponent(match[1]!) : 'report',
    ...(pages ? { pages: Number(pages) } : {}),
    warnings: JSON.parse(decodeURIComponent(response.headers.get('x-xxgk-warnings') ?? '%5B%5D')) as string[],
  };
}

/** Hands bytes to the browser as a downloaded file. */
export function download(bytes: ArrayBuffer, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
