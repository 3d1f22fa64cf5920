/**
 * WeChat's servers behind `wx.api` (app.callWxOpenApi), one open API per module:
 * - /cgi-bin/message/subscribe/send: validated like WeChat does the obvious parts, recorded in an outbox table,
 *   answered with errcode 0 — or with an errcode configured per OPENID, to test failure paths (43101 user refused,
 *   40037 bad template, -1 busy, ...);
 * - /wxa/msg_sec_check (content security, version 2): secCheck.ts;
 * - /wxa/getwxacodeunlimit (the mini-program code of a page and scene): wxacode.ts.
 */
import type Database from 'better-sqlite3';
import crypto from 'node:crypto';
import { checkMessage } from './secCheck';
import { unlimitedCode } from './wxacode';
import type { OpenApiReply } from './types';

export interface SentMessage {
  id: number;
  apiName: string;
  touser: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  errcode: number;
  at: string;
}

export class WxApiService {
  /** OPENID -> errcodes to answer, in order; the last one repeats. */
  private readonly failures = new Map<string, number[]>();
  /** OPENID -> how long WeChat takes to answer a send. */
  private readonly delays = new Map<string, number>();

  constructor(private readonly sqlite: Database.Database) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS _emulator_wx_messages (
      id INTEGER PRIMARY KEY AUTOINCREMENT, api_name TEXT NOT NULL, touser TEXT, template_id TEXT,
      page TEXT, data TEXT, errcode INTEGER NOT NULL, at TEXT NOT NULL)`);
  }

  /** Answer sends to this OPENID only after `ms` (the message is recorded at once, as WeChat would send it); 0 clears. */
  setDelay(openid: string, ms: number): void {
    if (ms > 0) this.delays.set(openid, ms);
    else this.delays.delete(openid);
  }

  /** Make the next sends to this OPENID fail with these errcodes (the last one repeats); [] clears. */
  setFailures(openid: string, errcodes: number[]): void {
    if (errcodes.length) this.failures.set(openid, [...errcodes]);
    else this.failures.delete(openid);
  }

  async handle(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const requestId = crypto.randomBytes(8).toString('hex');
    const apiName = String(body.apiName ?? '');
    const api = this.apis[apiName];
    if (!api) return { code: 'INVALID_PARAM', message: `本地模拟环境不支持的开放接口：${apiName.slice(0, 80)}`, requestId };
    let request: Record<string, unknown>;
    try {
      request = typeof body.requestData === 'string' ? JSON.parse(body.requestData) : (body.requestData as Record<string, unknown>);
    } catch {
      return this.reply(requestId, { errcode: 47001, errmsg: 'data format error' });
    }
    if (!request || typeof request !== 'object') return this.reply(requestId, { errcode: 47001, errmsg: 'data format error' });
    const reply = this.reply(requestId, await api(request, apiName));
    const delay = typeof request.touser === 'string' ? this.delays.get(request.touser) : undefined;
    return delay ? new Promise((resolve) => setTimeout(() => resolve(reply), delay)) : reply;
  }

  /** The open APIs this emulator answers, by name. */
  private readonly apis: Record<string, (request: Record<string, unknown>, apiName: string) => OpenApiReply | Promise<OpenApiReply>> = {
    '/cgi-bin/message/subscribe/send': (request, apiName) => this.sendSubscribeMessage(request, apiName),
    '/wxa/msg_sec_check': (request) => checkMessage(request),
    '/wxa/getwxacodeunlimit': (request) => unlimitedCode(request),
  };

  private sendSubscribeMessage(request: { touser?: unknown; template_id?: unknown; page?: unknown; data?: unknown }, apiName: string): OpenApiReply {
    if (!request || typeof request.touser !== 'string' || typeof request.template_id !== 'string' || !request.data || typeof request.data !== 'object') {
      return { errcode: 47003, errmsg: 'argument invalid! touser, template_id and data are required' };
    }
    const errcode = this.nextErrcode(request.touser);
    this.sqlite
      .prepare('INSERT INTO _emulator_wx_messages (api_name, touser, template_id, page, data, errcode, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(
        apiName,
        request.touser,
        request.template_id,
        typeof request.page === 'string' ? request.page : null,
        JSON.stringify(request.data),
        errcode,
        new Date().toISOString(),
      );
    return errcode === 0 ? { errcode: 0, errmsg: 'ok' } : { errcode, errmsg: `simulated error ${errcode}` };
  }

  /** Messages WeChat accepted (errcode 0) or all attempts, oldest first. */
  messages(opts: { touser?: string; includeFailed?: boolean } = {}): SentMessage[] {
    const rows = this.sqlite.prepare('SELECT * FROM _emulator_wx_messages ORDER BY id').all() as Record<string, unknown>[];
    return rows
      .map((r) => ({
        id: r.id as number,
        apiName: r.api_name as string,
        touser: r.touser as string,
        templateId: r.template_id as string,
        page: (r.page as string | null) ?? null,
        data: JSON.parse((r.data as string) || '{}'),
        errcode: r.errcode as number,
        at: r.at as string,
      }))
      .filter((m) => (opts.touser ? m.touser === opts.touser : true) && (opts.includeFailed ? true : m.errcode === 0));
  }

  clear(): void {
    this.sqlite.exec('DELETE FROM _emulator_wx_messages');
  }

  private nextErrcode(openid: string): number {
    const queue = this.failures.get(openid);
    if (!queue) return 0;
    return queue.length > 1 ? (queue.shift() as number) : queue[0];
  }

  private reply(requestId: string, response: OpenApiReply) {
    return { data: { responseData: JSON.stringify(response) }, requestId };
  }
}
