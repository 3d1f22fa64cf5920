/**
 * The local CloudBase: one HTTP server on loopback.
 *   POST /admin               tcb-api wire protocol used by @cloudbase/node-sdk (database.*, wx.api), signed with
 *                             the emulator's keys like every SDK request (see signature.ts)
 *   POST /functions/<name>    run a cloud function; JSON body = event, header x-openid = local caller
 *   GET  /healthz             200 once the emulator is ready (database open and, under npm start, the demo loaded)
 *   /storage/<bucket>/<path>  cloud storage: the upload URL and the temporary URLs the storage actions hand out
 *   /_emulator/...            local tooling: fire a timer at a simulated time, read the WeChat outbox, set wx errors
 *   GET  /                    the mini-program in a browser (preview/dist, when previewDir is given)
 */
import http from 'node:http';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
// From node:timers: the page tests run the emulator inside jsdom, whose globals have no setImmediate.
import { setImmediate } from 'node:timers';
import { openDatabase, type DatabaseService } from './database';
import { readDeclarations } from './database/declarations';
import { FunctionHost, FunctionTimeout } from './functions/host';
import { HttpError, readJson, send } from './http';
import { type Credentials, SIGNATURE_ERROR, SignatureError, credentialsFromEnv, verifySignature } from './signature';
import { TimerService } from './timers';
import { WxApiService } from './wxapi';
import { serveStatic } from './static';
import { StorageService } from './storage';

export interface EmulatorOptions {
  port?: number;
  host?: string;
  dataDir: string;
  functionsDir?: string;
  /** The project's collections and indexes (cloudbase/collections.json by default). */
  declarations?: string;
  /** Fire timer triggers on real time (npm start); tests leave it off and fire triggers explicitly. */
  runTimers?: boolean;
  /** The keys /admin requests must be signed with (default: EMULATOR_SECRET_ID / EMULATOR_SECRET_KEY, else local/local). */
  credentials?: Credentials;
  /** A fixed delay added to every database request, standing for the cloud's round trip (default: DB_LATENCY_MS, else 0). */
  dbLatencyMs?: number;
  /** How long a transaction may stay open (CloudBase: 30 s); tests whose client dies mid-transaction shorten it. */
  transactionTimeoutMs?: number;
  /** false: /healthz answers 503 until markReady() (npm start loads the demo first). Default true. */
  ready?: boolean;
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
  storage: StorageService;
  credentials: Credentials;
  /** From now on /healthz answers 200. */
  markReady(): void;
  stop(): Promise<void>;
}

// Off the cloud, @cloudbase/node-sdk probes Tencent's metadata host before every request (an uncached ~45 ms
// time-out here). This process is never on Tencent Cloud's network and always passes serviceUrl, so tell the SDK
// to skip the probe; requests still go to serviceUrl.
process.env.TENCENTCLOUD ??= 'true';

/** WeChat OPENIDs are 28 characters; anything much longer in x-openid is not a caller. */
export const MAX_OPENID_LENGTH = 128;

/** Everything one running emulator holds. */
interface Services {
  database: DatabaseService;
  wx: WxApiService;
  storage: StorageService;
  functions: FunctionHost;
  timers: TimerService;
  credentials: Credentials;
  latencyMs: number;
  log: (line: string) => void;
  ready: boolean;
  adminUrl: string;
  /** Connections accepted whose first request has not arrived yet. */
  opening: Set<Socket>;
  /** The built browser preview served at `/`, if any. */
  previewDir?: string;
}

function parseDate(value: unknown, what: string): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new HttpError(400, 'INVALID_PARAM', `${what} 不是合法的时间：${String(value).slice(0, 40)}`);
  return date;
}

function latencyFromEnv(): number {
  const ms = Number(process.env.DB_LATENCY_MS ?? 0);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`DB_LATENCY_MS 必须是非负数：${process.env.DB_LATENCY_MS}`);
  return ms;
}

function openServices(options: EmulatorOptions): Services {
  const latencyMs = options.dbLatencyMs ?? latencyFromEnv();
  const database = openDatabase({ dataDir: options.dataDir, transactionTimeoutMs: options.transactionTimeoutMs, ...readDeclarations(options.declarations) });
  const credentials = options.credentials ?? credentialsFromEnv();
  const log = options.log ?? (() => {});
  const functionsDir = options.functionsDir ?? path.resolve(__dirname, '../cloudfunctions');
  // The host learns the /admin address once the server listens.
  const functions = new FunctionHost(functionsDir, () => services.adminUrl, credentials);
  const services: Services = {
    database,
    wx: new WxApiService(database.sqlite),
    storage: new StorageService(options.dataDir, credentials, () => services.adminUrl.replace(/\/admin$/, '')),
    functions,
    timers: new TimerService(functions, log),
    credentials,
    latencyMs,
    log,
    ready: options.ready ?? true,
    adminUrl: '',
    opening: new Set(),
    previewDir: options.previewDir,
  };
  return services;
}

/** The answer to one signed /admin body; an unsigned or wrongly signed one gets the cloud's error. */
async function answerAdmin(s: Services, req: http.IncomingMessage, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const requestId = () => crypto.randomBytes(8).toString('hex');
  try {
    verifySignature(req, body, s.credentials);
  } catch (err) {
    if (err instanceof SignatureError) return { code: SIGNATURE_ERROR, message: err.message, requestId: requestId() };
    throw err;
  }
  const action = String(body.action ?? '');
  if (action.startsWith('database.')) return s.database.handle(body);
  if (action === 'wx.api') return s.wx.handle(body);
  if (action.startsWith('storage.')) return s.storage.handle(body);
  return { code: 'INVALID_ACTION', message: `本地模拟环境不支持的操作：${action.slice(0, 80) || '(空)'}`, requestId: requestId() };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits out the request's simulated round trip. Even without latency the answer waits until requests sent
 * together with this one have arrived (one turn of the event loop, and the connections they are opening, for at
 * most 20 ms), so that they count as parallel in x-db-depth.
 */
async function roundTrip(s: Services, tracked: boolean): Promise<void> {
  if (s.latencyMs > 0) await pause(s.latencyMs);
  else if (!tracked) return; // nobody counts this request's depth (a script's or a test's own SDK)
  await nextTurn();
  const deadline = Date.now() + 20;
  while (s.opening.size > 0 && Date.now() < deadline) await pause(1);
}

async function handleAdmin(s: Services, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  // Most requests have no query at all: URLSearchParams is made only for one that has.
  const invocationId = url.search ? url.searchParams.get('inv') : null;
  const answered = invocationId ? s.functions.trackRequest(invocationId) : undefined;
  let workMs = 0;
  try {
    const started = performance.now();
    const reply = await answerAdmin(s, req, await readJson(req));
    workMs = performance.now() - started;
    await roundTrip(s, answered !== undefined);
    send(res, 200, reply);
  } finally {
    answered?.(workMs);
  }
}

function callerOf(req: http.IncomingMessage): string | undefined {
  const openid = req.headers['x-openid'];
  if (typeof openid !== 'string' || openid === '') return undefined;
  if (openid.length > MAX_OPENID_LENGTH) throw new HttpError(400, 'INVALID_PARAM', `x-openid 过长（最多 ${MAX_OPENID_LENGTH} 个字符）`);
  return openid;
}

async function handleFunction(s: Services, req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
  if (!s.functions.exists(name)) throw new HttpError(404, 'FUNCTION_NOT_FOUND', `云函数不存在：${name.slice(0, 60)}`);
  const openid = callerOf(req);
  const now = parseDate(req.headers['x-now'], 'x-now');
  const event = await readJson(req);
  const inv = await s.functions.invoke(name, event, { openid, now });
  s.log(`[fn] ${name} ${String(event.action ?? '').slice(0, 60)} openid=${openid ?? '-'} db=${inv.dbRequests}/${inv.dbDepth} ${inv.ms}ms`);
  send(res, 200, inv.result ?? null, {
    'x-invocation-id': inv.id,
    'x-db-requests': String(inv.dbRequests),
    'x-db-depth': String(inv.dbDepth),
    'x-db-work-ms': String(inv.dbWorkMs),
    'x-duration-ms': String(inv.ms),
  });
}

async function handleTooling(s: Services, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /_emulator/timers') return send(res, 200, { triggers: s.timers.triggers() });
  if (route === 'POST /_emulator/timers/fire') {
    const body = await readJson(req);
    const at = parseDate(body.at, 'at') ?? new Date();
    const inv = await s.timers.fire(String(body.function ?? ''), String(body.trigger ?? ''), at).catch((err: Error) => {
      throw new HttpError(404, 'TRIGGER_NOT_FOUND', err.message);
    });
    return send(res, 200, { result: inv.result, dbRequests: inv.dbRequests, dbDepth: inv.dbDepth, ms: inv.ms });
  }
  if (route === 'GET /_emulator/wx/messages') {
    return send(res, 200, {
      messages: s.wx.messages({ touser: url.searchParams.get('touser') ?? undefined, includeFailed: url.searchParams.get('all') === '1' }),
    });
  }
  if (route === 'POST /_emulator/wx/delay') {
    const body = await readJson(req);
    if (typeof body.openid !== 'string' || !body.openid) throw new HttpError(400, 'INVALID_PARAM', '需要 openid');
    s.wx.setDelay(body.openid, Number(body.ms) || 0);
    return send(res, 200, { ok: true });
  }
  if (route === 'POST /_emulator/wx/failures') {
    const body = await readJson(req);
    const errcodes = Array.isArray(body.errcodes) ? body.errcodes.map(Number).filter(Number.isInteger) : [];
    if (typeof body.openid !== 'string' || !body.openid) throw new HttpError(400, 'INVALID_PARAM', '需要 openid');
    s.wx.setFailures(body.openid, errcodes);
    return send(res, 200, { ok: true });
  }
  throw new HttpError(404, 'NOT_FOUND', `没有这个地址：${url.pathname.slice(0, 80)}`);
}

function handleHealth(s: Services, res: http.ServerResponse): void {
  if (!s.ready) return send(res, 503, { ok: false, status: 'starting', message: '正在启动，数据尚未载入完毕' });
  send(res, 200, { ok: true, database: 'open', functions: s.functions.names() });
}

/** The server's request listener: one route per address, every failure answered as JSON. */
function router(s: Services): http.RequestListener {
  return async (req, res) => {
    s.opening.delete(req.socket);
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (req.method === 'GET' && url.pathname === '/healthz') return handleHealth(s, res);
      if (req.method === 'POST' && url.pathname === '/admin') return await handleAdmin(s, req, res, url);
      const fn = /^\/functions\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'POST' && fn) return await handleFunction(s, req, res, decodeURIComponent(fn[1]));
      if (url.pathname.startsWith('/_emulator/')) return await handleTooling(s, req, res, url);
      if (await s.storage.serve(req, res, url)) return;
      if (s.previewDir && serveStatic(s.previewDir, req, res, url.pathname)) return;
      throw new HttpError(404, 'NOT_FOUND', `没有这个地址：${req.method} ${url.pathname.slice(0, 80)}`);
    } catch (err) {
      if (res.headersSent) return void res.end();
      if (err instanceof HttpError) return send(res, err.status, { code: err.code, message: err.message });
      if (err instanceof FunctionTimeout) return send(res, 504, { code: 'FUNCTION_TIMEOUT', message: err.message });
      s.log(`[emulator] ${req.method} ${url.pathname} failed: ${(err as Error)?.stack ?? err}`);
      send(res, 500, { code: 'FUNCTION_ERROR', message: `执行出错：${(err as Error)?.message ?? String(err)}`.slice(0, 300) });
    }
  };
}

/** Listens on host:port (0 = any free port) and returns the base URL. */
async function listen(server: http.Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

async function shutDown(s: Services, server: http.Server): Promise<void> {
  s.timers.stop();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  s.database.close();
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const s = openServices(options);
  const server = http.createServer(router(s));
  // The SDK drops an idle connection after 4.8 s; a server that closes at Node's default 5 s races it on a busy
  // machine (the SDK then reuses a socket being closed: ECONNRESET). The cloud keeps idle connections far longer.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('connection', (socket: Socket) => {
    s.opening.add(socket);
    socket.once('close', () => s.opening.delete(socket));
  });
  const url = await listen(server, options.port ?? 3000, options.host ?? '127.0.0.1');
  s.adminUrl = `${url}/admin`;
  if (options.runTimers) s.timers.start();
  return {
    url,
    port: Number(new URL(url).port),
    database: s.database,
    functions: s.functions,
    timers: s.timers,
    wx: s.wx,
    storage: s.storage,
    credentials: s.credentials,
    markReady: () => {
      s.ready = true;
    },
    stop: () => shutDown(s, server),
  };
}
