/**
 * wx.request / uploadFile / downloadFile over the browser's fetch. The preview is served by the emulator itself, so
 * a request to the local emulator (config.ts LOCAL_BASE_URL, 127.0.0.1:3000) goes to the server that served the
 * preview, whatever its port; each call carries the simulated clock (x-now). Nothing else is reachable here.
 */
import { asyncApi, WxFail } from './callback';
import { clockHeaders } from './clock';
import { fileOf, saveTemp } from './files';
import { problem } from './problems';

type Options = Record<string, unknown> & { url?: string; header?: Record<string, string>; timeout?: number };

/** The URL to fetch: local emulator addresses go to this server. */
export function localUrl(url: string): string {
  const m = /^https?:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?(\/.*)?$/i.exec(url);
  if (m) return location.origin + (m[1] ?? '/');
  if (url.startsWith('/')) return location.origin + url;
  problem(`wx.request 请求了本机以外的地址（预览只连本地模拟器）：${url}`);
  throw new WxFail(`url not reachable in the preview: ${url}`);
}

function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => (out[k] = v));
  return out;
}

async function fetchWithTimeout(url: string, init: RequestInit, timeout: number, name: string): Promise<Response> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeout);
  try {
    return await fetch(url, { ...init, signal: ctrl.signal });
  } catch (err) {
    throw new WxFail(ctrl.signal.aborted ? `${name}:fail timeout` : `${name}:fail ${(err as Error).message}`, { errno: 600001 });
  } finally {
    clearTimeout(timer);
  }
}

export function request(options: Options): unknown {
  const ctrl = { aborted: false };
  const method = String(options.method ?? 'GET').toUpperCase();
  const promise = asyncApi('request', options, async () => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(options.header ?? {}), ...clockHeaders() };
    let url = localUrl(String(options.url ?? ''));
    let body: string | undefined;
    const data = options.data;
    if (method === 'GET' && data && typeof data === 'object') {
      const q = new URLSearchParams(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      url += (url.includes('?') ? '&' : '?') + q.toString();
    } else if (data !== undefined && method !== 'GET') {
      body =
        typeof data === 'string'
          ? data
          : /x-www-form-urlencoded/.test(headers['content-type'] ?? '')
            ? new URLSearchParams(data as Record<string, string>).toString()
            : JSON.stringify(data);
    }
    const res = await fetchWithTimeout(url, { method, headers, body }, Number(options.timeout ?? 60000), 'request');
    if (ctrl.aborted) throw new WxFail('request:fail abort');
    const text = await res.text();
    let parsed: unknown = text;
    if ((options.dataType ?? 'json') === 'json') {
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: WeChat hands over the string
      }
    }
    return { data: parsed, statusCode: res.status, header: headersOf(res), cookies: [] };
  });
  const task = { abort: () => void (ctrl.aborted = true), onHeadersReceived: () => undefined, offHeadersReceived: () => undefined };
  return promise ? Object.assign(promise, task) : task;
}

export function uploadFile(options: Options): unknown {
  return asyncApi('uploadFile', options, async () => {
    const file = fileOf(String(options.filePath));
    const form = new FormData();
    for (const [k, v] of Object.entries((options.formData as Record<string, unknown>) ?? {})) form.append(k, String(v));
    form.append(String(options.name ?? 'file'), new Blob([file.bytes as BlobPart], { type: file.type }), file.name);
    const res = await fetchWithTimeout(
      localUrl(String(options.url ?? '')),
      { method: 'POST', headers: { ...(options.header ?? {}), ...clockHeaders() }, body: form },
      Number(options.timeout ?? 60000),
      'uploadFile',
    );
    return { data: await res.text(), statusCode: res.status };
  });
}

export function downloadFile(options: Options): unknown {
  return asyncApi('downloadFile', options, async () => {
    const res = await fetchWithTimeout(
      localUrl(String(options.url ?? '')),
      { headers: { ...(options.header ?? {}), ...clockHeaders() } },
      Number(options.timeout ?? 60000),
      'downloadFile',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    const name = String(options.url).split('?')[0].split('/').pop() || 'download';
    return { tempFilePath: saveTemp(bytes, res.headers.get('content-type') ?? 'application/octet-stream', name), statusCode: res.status };
  });
}
