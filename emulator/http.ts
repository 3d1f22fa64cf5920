/**
 * Reading and answering the emulator's HTTP requests. A body is checked for size while it streams in and for
 * nesting depth before it is parsed, so nothing recursive ever sees a hostile body.
 */
import type http from 'node:http';
import { jsonNestingExceeds } from './nesting';

/** The largest body the emulator reads (8 MB); past it the request is answered 413 and its bytes dropped. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * The deepest a request body may nest. Far deeper than any real event or database request, and well within what
 * JSON.stringify and the SDK's signer manage (they recurse, and overflow the stack a few thousand levels down).
 */
export const MAX_BODY_DEPTH = 1000;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function readBody(req: http.IncomingMessage): Promise<string> {
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

/** The body as a JSON object: 413 when too large, 400 when nested too deep, not JSON or not an object. */
export async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (jsonNestingExceeds(text, MAX_BODY_DEPTH)) throw new HttpError(400, 'REQUEST_TOO_DEEP', `请求体嵌套超过 ${MAX_BODY_DEPTH} 层`);
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, 'INVALID_JSON', '请求体不是合法的 JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'INVALID_JSON', '请求体必须是 JSON 对象');
  return value as Record<string, unknown>;
}

export function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
