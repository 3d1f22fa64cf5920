/**
 * A `wx.request` that really sends the request over HTTP with node's http module (jsdom has no usable
 * network for this), answering like the mini-program runtime: success with {data, statusCode, header} for
 * any HTTP status, fail with {errMsg: 'request:fail ...'} when no answer came.
 */
import http from 'node:http';

type RequestOption = WechatMiniprogram.RequestOption;

/**
 * Requests sent and not yet answered: a file waits for them before it stops its emulator. Kept on the test file's
 * global object, because pages are loaded in isolated module registries, each with its own copy of this module.
 */
const shared = globalThis as typeof globalThis & { __requestsInFlight?: Set<Promise<void>> };
const inFlight = (shared.__requestsInFlight ??= new Set<Promise<void>>());

/** Resolves once every request sent so far has been answered or has failed (a page may fire one it does not await). */
export async function requestsSettled(): Promise<void> {
  while (inFlight.size) await Promise.all([...inFlight]);
  // and let the pages' own continuations of those answers run
  await new Promise((resolve) => setTimeout(resolve, 0));
}

export function httpRequest(options: RequestOption): WechatMiniprogram.RequestTask {
  const url = new URL(options.url);
  const method = (options.method ?? 'GET').toUpperCase();
  const body = options.data === undefined || method === 'GET' ? undefined : typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(options.header as Record<string, string> | undefined) };
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));

  let settled = false;
  let done!: () => void;
  const tracked = new Promise<void>((resolve) => (done = resolve));
  inFlight.add(tracked);
  void tracked.then(() => inFlight.delete(tracked));
  const fail = (message: string) => {
    if (settled) return;
    settled = true;
    const res = { errMsg: `request:fail ${message}`, errno: 600001 } as WechatMiniprogram.RequestFailCallbackErr;
    options.fail?.(res);
    options.complete?.(res);
    done();
  };

  const req = http.request(
    { hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, timeout: options.timeout ?? 60000 },
    (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err) => fail(err.message));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        const text = Buffer.concat(chunks).toString('utf8');
        let data: unknown = text;
        if (options.dataType !== '其他') {
          try {
            data = JSON.parse(text);
          } catch {
            // not JSON: the runtime hands over the string
          }
        }
        const result = { data, statusCode: res.statusCode ?? 0, header: res.headers, cookies: [], errMsg: 'request:ok' };
        options.success?.(result as never);
        options.complete?.(result as never);
        done();
      });
    },
  );
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', (err) => fail(err.message));
  req.end(body);
  return { abort: () => req.destroy(new Error('abort')) } as unknown as WechatMiniprogram.RequestTask;
}
