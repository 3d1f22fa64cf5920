/**
 * Records what @cloudbase/node-sdk sends for cloud storage, the way ../../../shared/reference/tcb-wire-capture.json
 * was recorded for the database: a recording HTTP server stands in for the cloud, the real SDK is pointed at it
 * (serviceUrl), and every request it sends is written down with the answer it accepted and what the SDK then handed
 * its caller. The upload goes to the URL the metadata answer names, so this server answers that PUT too.
 *
 *   npx tsx emulator/storage/capture.ts      rewrites emulator/storage/wire-capture.json
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import tcb from '@cloudbase/node-sdk';

process.env.TENCENTCLOUD ??= 'true';

interface Recorded {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: unknown;
}

const ENV = 'my-env-1a2b';
const BUCKET = '6d79-my-env-1a2b-1300000000';
const BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
/** Headers that are the same on every request or carry nothing about the protocol. */
const DROPPED = new Set(['connection', 'content-length', 'accept-encoding', 'user-agent', 'x-tcb-source', 'x-sdk-version', 'x-client-timestamp']);

async function main() {
  const requests: Recorded[] = [];
  const answers: Record<string, unknown> = {};
  let base = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://x');
      const headers = Object.fromEntries(
        Object.entries(req.headers)
          .filter(([k]) => !DROPPED.has(k))
          .map(([k, v]) => [k, String(v)]),
      );
      let body: unknown = raw.length ? `<${raw.length} bytes>` : '';
      if ((req.headers['content-type'] ?? '').includes('json')) body = JSON.parse(raw.toString('utf8'));
      requests.push({ method: req.method ?? '', path: url.pathname, query: url.search, headers, body });
      const answer = (status: number, value: unknown, type = 'application/json') => {
        const text = typeof value === 'string' || Buffer.isBuffer(value) ? value : JSON.stringify(value);
        res.writeHead(status, { 'content-type': type });
        res.end(text);
      };
      if (req.method === 'PUT') return answer(200, '', 'application/xml');
      if (req.method === 'GET' && url.pathname.startsWith('/files/')) return answer(200, BYTES, 'image/png');
      const action = (body as { action?: string }).action ?? '';
      const reply = replyTo(action, body as Record<string, unknown>, base);
      answers[action] ??= reply;
      answer(200, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app = tcb.init({ env: ENV, serviceUrl: `${base}/admin`, secretId: 'local', secretKey: 'local' });
  const fileID = `cloud://${ENV}.${BUCKET}/growth/abc.png`;
  const returned: Record<string, unknown> = {
    uploadFile: await app.uploadFile({ cloudPath: 'growth/abc.png', fileContent: BYTES }),
    getTempFileURL: await app.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }, 'cloud://my-env-1a2b.x/missing.png'] }),
    downloadFile: await app.downloadFile({ fileID }).then((r) => ({ ...r, fileContent: `<Buffer of ${(r.fileContent as Buffer).length} bytes>` })),
    deleteFile: await app.deleteFile({ fileList: [fileID, 'cloud://my-env-1a2b.x/missing.png'] }),
  };
  server.close();
  const capture = {
    sdk: '@cloudbase/node-sdk 3.18.3',
    how: "init({env, secretId, secretKey, serviceUrl:'http://127.0.0.1:PORT/admin'}) against a recording HTTP server (emulator/storage/capture.ts); uploadFile, getTempFileURL, downloadFile, deleteFile in that order; each entry of `requests` is one request the SDK sent",
    notes: [
      'uploadFile is two requests: storage.getUploadMetadata to /admin, then a PUT of the bytes to data.url of its answer, with the headers Signature and authorization (= data.authorization), x-cos-security-token (= data.token), x-cos-meta-fileid (= data.cosFileId) and key (the URL-encoded cloudPath); an empty 200 body is success, an XML <Error> body is a failure the SDK reports with its <Code> and <Message>. The SDK returns { fileID: data.fileId }.',
      'getTempFileURL passes download_list through as fileList: each item needs code (SUCCESS or an error code), fileID and tempFileURL.',
      'downloadFile asks storage.batchGetDownloadUrl for one file with max_age 600, then GETs tempFileURL (encodeURI applied); a status other than 200 is thrown as STORAGE_REQUEST_FAIL; an item code other than SUCCESS is thrown with that code.',
      'deleteFile passes delete_list through as fileList (code, fileID).',
      'Every /admin request carries the same TC3-HMAC-SHA256 signature as database requests (emulator/signature.ts); the PUT and the GET of a temporary URL do not: their authority is the token in the metadata answer and the sign in the URL.',
    ],
    responses_the_sdk_accepted: answers,
    what_the_sdk_returned_to_the_caller: returned,
    requests: requests.map((r) => ({
      ...r,
      headers: r.path === '/admin' ? pick(r.headers, ['content-type', 'authorization', 'x-timestamp', 'host']) : r.headers,
    })),
  };
  const out = path.join(__dirname, 'wire-capture.json');
  fs.writeFileSync(out, JSON.stringify(capture, null, 2) + '\n');
  console.log(`wrote ${out} (${requests.length} requests)`);
}

function pick(headers: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(
    keys.filter((k) => k in headers).map((k) => [k, k === 'authorization' ? headers[k].replace(/Signature=[0-9a-f]+/, 'Signature=<hex>') : headers[k]]),
  );
}

function replyTo(action: string, body: Record<string, unknown>, base: string): unknown {
  if (action === 'storage.getUploadMetadata') {
    const p = String(body.path);
    return {
      data: {
        url: `${base}/cos/${p}`,
        token: 'TOKEN',
        authorization: 'q-sign-algorithm=sha1&q-ak=AK&q-sign-time=1700000000;1700000600&q-signature=SIG',
        fileId: `cloud://${ENV}.${BUCKET}/${p}`,
        cosFileId: 'COS-FILE-ID',
        download_url: `${base}/files/${p}`,
      },
      requestId: 'r',
    };
  }
  const list = (body.file_list ?? body.fileid_list ?? []) as ({ fileid: string } | string)[];
  const ids = list.map((f) => (typeof f === 'string' ? f : f.fileid));
  if (action === 'storage.batchGetDownloadUrl') {
    return {
      data: {
        download_list: ids.map((fileID) =>
          fileID.includes('missing')
            ? { code: 'STORAGE_FILE_NONEXIST', fileID, tempFileURL: '' }
            : { code: 'SUCCESS', fileID, tempFileURL: `${base}/files/growth/abc.png?sign=SIGN&t=1700003600` },
        ),
      },
      requestId: 'r',
    };
  }
  if (action === 'storage.batchDeleteFile') {
    return { data: { delete_list: ids.map((fileID) => ({ code: fileID.includes('missing') ? 'STORAGE_FILE_NONEXIST' : 'SUCCESS', fileID })) }, requestId: 'r' };
  }
  return { code: 'INVALID_ACTION', message: action, requestId: 'r' };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
