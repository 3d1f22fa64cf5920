/**
 * The local CloudBase: one HTTP server on loopback.
 *   POST /admin               tcb-api wire protocol used by @cloudbase/node-sdk (database.*, wx.api)
 *   POST /functions/<name>    run a cloud function; JSON body = event, header x-openid = local caller
 *   GET  /healthz             200 once the database is open
 *   /_emulator/...            local tooling: fire a timer at a simulated time, read the WeChat outbox, set wx errors
 *   GET  /                    the mini-program in a browser (preview/dist, when previewDir is given)
 */
import http from 'node:http';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { openDatabase, type DatabaseService } from './database';
import { FunctionHost, FunctionTimeout } from './functions/host';
import { TimerService } from './timers';
import { WxApiService } from './wxapi';
import { readDeclarations } from './database/declarations';
import { servePreview } from '../preview/serve';

export interface EmulatorOptions {
  port?: number;
  host?: string;
  dataDir: string;
  functionsDir?: string;
  /** The project's collections and indexes (cloudbase/collections.json by default). */
  declarations?: string;
  /** Fire timer triggers on real time (npm start); tests leave it off and fire triggers explicitly. */
  runTimers?: boolean;
  /** The built browser preview of the mini-program (preview/dist), served at `/` beside the API. */
  previewDir?: string;
  log?: (line: string) => void;
}

export interface Emulator {
  url: string;
  port: number;
  database: DatabaseService;
  functions: FunctionHost;
  timers: TimerService;
  wx: WxApiService;
  stop(): Promise<void>;
}

// Off the cloud, @cloudbase/node-sdk probes Tencent's metadata host before every request (an uncached ~45 ms
// time-out here). This process is never on Tencent Cloud's network and always passes serviceUrl, so tell the SDK
// to skip the probe; requests still go to serviceUrl.
process.env.TENCENTCLOUD ??= 'true';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep reading (and dropping) an oversize body so the client still gets our 413 answer.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, 'REQUEST_TOO_LARGE', `请求体超过 ${MAX_BODY_BYTES / 1024 / 1024} MB`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, 'INVALID_JSON', '请求体不是合法的 JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'INVALID_JSON', '请求体必须是 JSON 对象');
  return value as Record<string, unknown>;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function parseDate(value: unknown, what: string): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new HttpError(400, 'INVALID_PARAM', `${what} 不是合法的时间：${String(value).slice(0, 40)}`);
  return date;
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const log = options.log ?? (() => {});
  const database = openDatabase({ dataDir: options.dataDir, ...readDeclarations(options.declarations) });
  const wx = new WxApiService(database.sqlite);
  let adminUrl = '';
  const functions = new FunctionHost(options.functionsDir ?? path.resolve(__dirname, '../cloudfunctions'), () => adminUrl);
  const timers = new TimerService(functions, log);

  async function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const invocationId = url.searchParams.get('inv');
    if (invocationId) functions.countRequest(invocationId);
    const body = await readJson(req);
    const action = String(body.action ?? '');
    if (action.startsWith('database.')) return send(res, 200, await database.handle(body));
    if (action === 'wx.api') return send(res, 200, wx.handle(body));
    send(res, 200, { code: 'INVALID_ACTION', message: `本地模拟环境不支持的操作：${action.slice(0, 80) || '(空)'}`, requestId: crypto.randomBytes(8).toString('hex') });
  }

  async function handleFunction(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    if (!functions.exists(name)) throw new HttpError(404, 'FUNCTION_NOT_FOUND', `云函数不存在：${name.slice(0, 60)}`);
    const event = await readJson(req);
    const openid = typeof req.headers['x-openid'] === 'string' ? req.headers['x-openid'] : undefined;
    const now = parseDate(req.headers['x-now'], 'x-now');
    const inv = await functions.invoke(name, event, { openid, now });
    log(`[fn] ${name} ${(event as { action?: string }).action ?? ''} openid=${openid ?? '-'} db=${inv.dbRequests} ${inv.ms}ms`);
    send(res, 200, inv.result ?? null, { 'x-invocation-id': inv.id, 'x-db-requests': String(inv.dbRequests), 'x-duration-ms': String(inv.ms) });
  }

  async function handleTooling(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /_emulator/timers') return send(res, 200, { triggers: timers.triggers() });
    if (route === 'POST /_emulator/timers/fire') {
      const body = await readJson(req);
      const at = parseDate(body.at, 'at') ?? new Date();
      const inv = await timers.fire(String(body.function ?? ''), String(body.trigger ?? ''), at).catch((err: Error) => {
        throw new HttpError(404, 'TRIGGER_NOT_FOUND', err.message);
      });
      return send(res, 200, { result: inv.result, dbRequests: inv.dbRequests, ms: inv.ms });
    }
    if (route === 'GET /_emulator/wx/messages') {
      return send(res, 200, { messages: wx.messages({ touser: url.searchParams.get('touser') ?? undefined, includeFailed: url.searchParams.get('all') === '1' }) });
    }
    if (route === 'POST /_emulator/wx/failures') {
      const body = await readJson(req);
      const errcodes = Array.isArray(body.errcodes) ? body.errcodes.map(Number).filter(Number.isInteger) : [];
      if (typeof body.openid !== 'string' || !body.openid) throw new HttpError(400, 'INVALID_PARAM', '需要 openid');
      wx.setFailures(body.openid, errcodes);
      return send(res, 200, { ok: true });
    }
    throw new HttpError(404, 'NOT_FOUND', `没有这个地址：${url.pathname.slice(0, 80)}`);
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { ok: true, database: 'open', functions: functions.names() });
      if (req.method === 'POST' && url.pathname === '/admin') return await handleAdmin(req, res, url);
      const fn = /^\/functions\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'POST' && fn) return await handleFunction(req, res, decodeURIComponent(fn[1]));
      if (url.pathname.startsWith('/_emulator/')) return await handleTooling(req, res, url);
      if (options.previewDir && servePreview(options.previewDir, req, res, url.pathname)) return;
      throw new HttpError(404, 'NOT_FOUND', `没有这个地址：${req.method} ${url.pathname.slice(0, 80)}`);
    } catch (err) {
      if (res.headersSent) return void res.end();
      if (err instanceof HttpError) return send(res, err.status, { code: err.code, message: err.message });
      if (err instanceof FunctionTimeout) return send(res, 504, { code: 'FUNCTION_TIMEOUT', message: err.message });
      log(`[emulator] ${req.method} ${url.pathname} failed: ${(err as Error)?.stack ?? err}`);
      send(res, 500, { code: 'FUNCTION_ERROR', message: `执行出错：${(err as Error)?.message ?? String(err)}`.slice(0, 300) });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  adminUrl = `${url}/admin`;
  if (options.runTimers) timers.start();

  return {
    url,
    port,
    database,
    functions,
    timers,
    wx,
    async stop() {
      timers.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      database.close();
    },
  };
}
