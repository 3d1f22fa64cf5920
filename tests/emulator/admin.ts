/**
 * Raw POST /admin requests, for the ones the SDK would never send (bad bodies, unknown actions, forged signatures).
 * They are signed with the SDK's own signer (@cloudbase/signature-nodejs, what @cloudbase/node-sdk signs with), so
 * a raw request differs from an SDK request only where a test says so.
 */
import http from 'node:http';
import { sign } from '@cloudbase/signature-nodejs';

export interface AdminOptions {
  /** Keys to sign with (default local/local); false sends the request unsigned. */
  keys?: { secretId: string; secretKey: string } | false;
  /** Signing time in seconds (default now). */
  timestamp?: number;
  /** Headers sent as they are, after signing (to tamper with a signed request). */
  override?: Record<string, string>;
  /** Query string after /admin, e.g. "inv=…". */
  query?: string;
  /** Send this body instead of the signed one (to tamper with a signed request). */
  sentBody?: unknown;
  /** Send to this query string instead of the signed one. */
  sentQuery?: string;
}

export interface AdminReply {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs `body` (an object, or raw text sent unsigned) to <base>/admin. */
export function adminPost(base: string, body: unknown, opts: AdminOptions = {}): Promise<AdminReply> {
  const address = (query?: string) => `${base}/admin${query ? `?${query}` : ''}`;
  const url = address(opts.query);
  const { host } = new URL(url);
  const sent = opts.sentBody ?? body;
  const text = typeof sent === 'string' ? sent : JSON.stringify(sent);
  const headers: Record<string, string> = { 'content-type': 'application/json', host };
  const keys = opts.keys ?? { secretId: 'local', secretKey: 'local' };
  if (keys && typeof body !== 'string') {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000) - 1;
    const signed = sign({
      ...keys,
      method: 'post',
      url,
      headers,
      params: body as Record<string, unknown>,
      timestamp,
      withSignedParams: true,
    });
    headers.authorization = signed.authorization;
    headers['x-timestamp'] = String(signed.timestamp);
  }
  Object.assign(headers, opts.override);
  return new Promise((resolve, reject) => {
    const req = http.request(
      address(opts.sentQuery ?? opts.query),
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(text)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(raw) });
          } catch {
            reject(new Error(`not JSON (${res.statusCode}): ${raw.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
