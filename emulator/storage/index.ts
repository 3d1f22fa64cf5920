/**
 * Cloud storage, as @cloudbase/node-sdk 3.18 speaks to it (wire-capture.json beside this file, recorded with
 * capture.ts):
 *   /admin storage.getUploadMetadata   {path}                -> the URL to PUT the bytes to, and its authorization
 *   PUT    /storage/<bucket>/<path>    the bytes              -> '' (200); an XML <Error> when refused
 *   /admin storage.batchGetDownloadUrl {file_list}            -> a temporary URL per file (signed, expiring)
 *   GET    /storage/<bucket>/<path>?sign=…&t=…                -> the bytes (HEAD and Range too); 403 once expired
 *   /admin storage.batchDeleteFile     {fileid_list}          -> per file SUCCESS or STORAGE_FILE_NONEXIST
 * Files live under DATA_DIR/storage/<bucket>/<path>; fileIDs have the cloud's shape, cloud://<env>.<bucket>/<path>.
 * The /admin requests are signature-checked with the others (server.ts); the PUT carries the authorization the
 * metadata answer handed out and a temporary URL its sign, both HMACs with the emulator's secret key, so neither
 * can be made up or stretched past its expiry.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import type { Credentials } from '../signature';

/** How long an upload authorization stays valid (the cloud's is of the same order). */
const UPLOAD_TTL_SECONDS = 600;
/** getTempFileURL without max_age: one day, as the cloud. */
const DEFAULT_MAX_AGE = 86400;
/** The largest object the emulator takes in one PUT (the cloud takes far more; nothing here needs it). */
export const MAX_OBJECT_BYTES = 64 * 1024 * 1024;
const MAX_PATH = 850;

const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };

type Reply = Record<string, unknown>;

export class StorageService {
  private readonly root: string;

  constructor(
    dataDir: string,
    private readonly credentials: Credentials,
    /** The emulator's base URL, e.g. http://127.0.0.1:3000 (known once it listens). */
    private readonly baseUrl: () => string,
  ) {
    this.root = path.join(dataDir, 'storage');
  }

  /** The bucket of an environment (one per environment, as in the cloud). */
  bucketOf(env: string): string {
    return `${env}-1300000000`;
  }

  fileIdOf(env: string, cloudPath: string): string {
    return `cloud://${env}.${this.bucketOf(env)}/${cloudPath}`;
  }

  /** An /admin request whose action starts with storage. */
  handle(body: Reply): Reply {
    const requestId = crypto.randomBytes(8).toString('hex');
    const env = typeof body.envName === 'string' && body.envName ? body.envName : 'care-room-local';
    const action = String(body.action);
    if (action === 'storage.getUploadMetadata') return { ...this.uploadMetadata(env, body.path), requestId };
    if (action === 'storage.batchGetDownloadUrl') return { ...this.downloadUrls(env, body.file_list), requestId };
    if (action === 'storage.batchDeleteFile') return { ...this.deleteFiles(env, body.fileid_list), requestId };
    return { code: 'INVALID_ACTION', message: `本地模拟环境不支持的存储操作：${action.slice(0, 80)}`, requestId };
  }

  private uploadMetadata(env: string, cloudPath: unknown): Reply {
    const problem = pathProblem(cloudPath);
    if (problem) return { code: 'INVALID_PARAM', message: problem };
    const p = cloudPath as string;
    const bucket = this.bucketOf(env);
    const start = Math.floor(Date.now() / 1000);
    const end = start + UPLOAD_TTL_SECONDS;
    const signature = this.sign('put', bucket, p, end);
    return {
      data: {
        url: `${this.baseUrl()}/storage/${bucket}/${p}`,
        token: signature,
        authorization: `q-sign-algorithm=sha1&q-ak=${this.credentials.secretId}&q-sign-time=${start};${end}&q-signature=${signature}`,
        fileId: this.fileIdOf(env, p),
        cosFileId: crypto.randomBytes(12).toString('hex'),
        download_url: `${this.baseUrl()}/storage/${bucket}/${p}`,
      },
    };
  }

  private downloadUrls(env: string, list: unknown): Reply {
    if (!Array.isArray(list) || list.length === 0) return { code: 'INVALID_PARAM', message: 'file_list 必须是非空数组' };
    if (list.length > 50) return { code: 'INVALID_PARAM', message: '一次最多 50 个文件' };
    const now = Math.floor(Date.now() / 1000);
    const download_list = list.map((item) => {
      const fileID = typeof item === 'object' && item ? String((item as { fileid?: unknown }).fileid ?? '') : String(item);
      const maxAge = Number((item as { max_age?: unknown })?.max_age ?? DEFAULT_MAX_AGE);
      const file = this.locate(env, fileID);
      if (!file) return { code: 'STORAGE_FILE_NONEXIST', fileID, tempFileURL: '' };
      if (!Number.isInteger(maxAge) || maxAge < 1) return { code: 'INVALID_PARAM', fileID, tempFileURL: '' };
      const t = now + maxAge;
      return {
        code: 'SUCCESS',
        fileID,
        tempFileURL: `${this.baseUrl()}/storage/${file.bucket}/${file.path}?sign=${this.sign('get', file.bucket, file.path, t)}&t=${t}`,
      };
    });
    return { data: { download_list } };
  }

  private deleteFiles(env: string, list: unknown): Reply {
    if (!Array.isArray(list) || list.length === 0) return { code: 'INVALID_PARAM', message: 'fileid_list 必须是非空数组' };
    if (list.length > 50) return { code: 'INVALID_PARAM', message: '一次最多 50 个文件' };
    const delete_list = list.map((fileID) => {
      const file = this.locate(env, String(fileID));
      if (!file) return { code: 'STORAGE_FILE_NONEXIST', fileID };
      fs.rmSync(file.disk, { force: true });
      return { code: 'SUCCESS', fileID };
    });
    return { data: { delete_list } };
  }

  /** The file a fileID names in this environment, if it is there. */
  private locate(env: string, fileID: string): { bucket: string; path: string; disk: string } | null {
    const m = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileID);
    if (!m || m[1] !== env || m[2] !== this.bucketOf(env) || pathProblem(m[3])) return null;
    const disk = this.diskPath(m[2], m[3]);
    return fs.existsSync(disk) && fs.statSync(disk).isFile() ? { bucket: m[2], path: m[3], disk } : null;
  }

  private diskPath(bucket: string, cloudPath: string): string {
    return path.join(this.root, bucket, ...cloudPath.split('/'));
  }

  private sign(method: 'put' | 'get', bucket: string, cloudPath: string, until: number): string {
    return crypto.createHmac('sha256', this.credentials.secretKey).update(`${method}\n${bucket}/${cloudPath}\n${until}`).digest('hex');
  }

  /** Answers PUT/GET/HEAD under /storage/; false for any other address. */
  async serve(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    const m = /^\/storage\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (!m) return false;
    let cloudPath: string;
    try {
      cloudPath = decodeURIComponent(m[2]);
    } catch {
      return (cosError(res, 400, 'InvalidURI', 'Could not parse the specified URI'), true);
    }
    if (pathProblem(cloudPath)) return (cosError(res, 400, 'InvalidURI', 'Invalid object key'), true);
    const bucket = decodeURIComponent(m[1]);
    if (req.method === 'PUT') await this.receive(req, res, bucket, cloudPath);
    else if (req.method === 'GET' || req.method === 'HEAD') this.send(req, res, url, bucket, cloudPath);
    else cosError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed');
    return true;
  }

  private async receive(req: http.IncomingMessage, res: http.ServerResponse, bucket: string, cloudPath: string): Promise<void> {
    const auth = /q-sign-time=(\d+);(\d+)&q-signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization ?? ''));
    if (!auth) return drain(req, () => cosError(res, 403, 'AccessDenied', 'Access Denied'));
    const until = Number(auth[2]);
    if (!safeEqual(auth[3], this.sign('put', bucket, cloudPath, until)))
      return drain(req, () => cosError(res, 403, 'SignatureDoesNotMatch', 'The signature does not match'));
    if (until < Date.now() / 1000) return drain(req, () => cosError(res, 403, 'AccessDenied', 'Request has expired'));
    const disk = this.diskPath(bucket, cloudPath);
    fs.mkdirSync(path.dirname(disk), { recursive: true });
    const partial = `${disk}.${crypto.randomBytes(4).toString('hex')}.part`;
    const out = fs.createWriteStream(partial);
    let size = 0;
    let tooLarge = false;
    await new Promise<void>((resolve, reject) => {
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_OBJECT_BYTES) tooLarge = true;
        else out.write(chunk);
      });
      req.on('end', () => out.end(resolve));
      req.on('error', reject);
    });
    if (tooLarge) {
      fs.rmSync(partial, { force: true });
      return cosError(res, 400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed object size (${MAX_OBJECT_BYTES})`);
    }
    // Whole or not at all: a reader never sees half a file.
    fs.renameSync(partial, disk);
    res.writeHead(200, { 'content-length': 0, etag: `"${crypto.randomBytes(16).toString('hex')}"` });
    res.end();
  }

  private send(req: http.IncomingMessage, res: http.ServerResponse, url: URL, bucket: string, cloudPath: string): void {
    const t = Number(url.searchParams.get('t'));
    const sign = url.searchParams.get('sign') ?? '';
    if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(sign) || !safeEqual(sign, this.sign('get', bucket, cloudPath, t))) {
      return cosError(res, 403, 'AccessDenied', 'Access Denied');
    }
    if (t < Date.now() / 1000) return cosError(res, 403, 'AccessDenied', 'Request has expired');
    const disk = this.diskPath(bucket, cloudPath);
    if (!fs.existsSync(disk)) return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    const size = fs.statSync(disk).size;
    const type = TYPES[path.extname(cloudPath).slice(1).toLowerCase()] ?? 'application/octet-stream';
    const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
    let start = 0;
    let end = size - 1;
    if (range && (range[1] || range[2])) {
      start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
      end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || start > end) {
        res.writeHead(416, { 'content-range': `bytes */${size}` });
        return void res.end();
      }
    }
    const partial = Boolean(range && (range[1] || range[2]));
    res.writeHead(partial ? 206 : 200, {
      'content-type': type,
      'content-length': end - start + 1,
      'accept-ranges': 'bytes',
      'cache-control': 'private, max-age=3600',
      ...(partial ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (req.method === 'HEAD' || size === 0) return void res.end();
    fs.createReadStream(disk, { start, end }).pipe(res);
  }
}

/** Why a cloud path is refused, or null: relative, no empty, '.' or '..' segment, no control characters. */
export function pathProblem(cloudPath: unknown): string | null {
  if (typeof cloudPath !== 'string' || !cloudPath) return '文件路径不能为空';
  if (cloudPath.length > MAX_PATH) return `文件路径不能超过 ${MAX_PATH} 个字符`;
  if ([...cloudPath].some((c) => c.charCodeAt(0) < 0x20 || '\\?#'.includes(c))) return '文件路径含有不允许的字符';
  if (cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..')) return '文件路径不能以 / 开头，也不能含有空段、. 或 ..';
  return null;
}

function safeEqual(a: string, b: string): boolean {
  return a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Read and drop the rest of a refused upload, then answer (so the client reads our answer, not a reset). */
function drain(req: http.IncomingMessage, answer: () => void): void {
  req.resume();
  req.on('end', answer);
}

/** COS's error body: the SDK reads <Code> and <Message>. */
function cosError(res: http.ServerResponse, status: number, code: string, message: string): void {
  const id = crypto.randomBytes(12).toString('base64');
  const xml = `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${message}</Message>\n  <Resource></Resource>\n  <RequestId>${id}</RequestId>\n  <TraceId>${id}</TraceId>\n</Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}
