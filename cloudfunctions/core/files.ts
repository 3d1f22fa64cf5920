/**
 * Cloud storage through the SDK, as the features use it: children's photos are never public (the storage rule lets
 * no client read them, scripts/deploy.ts), so readers get temporary URLs made here; an uploaded file is looked at
 * (its size and first bytes, through a ranged read of a short-lived URL) before anything refers to it; files that
 * nothing refers to any more are deleted.
 */
import http from 'node:http';
import https from 'node:https';
import type { CloudApp } from './cloud';

/** getTempFileURL and deleteFile take at most 50 files a call. */
const PER_CALL = 50;
/** How long the URLs handed to a reader last: a screen read late at night is still whole an hour later. */
export const READ_URL_SECONDS = 2 * 3600;

export type ImageKind = 'jpeg' | 'png' | 'webp';

/** What the first bytes of a file say it is: a JPEG, PNG or WebP image, or null. */
export function imageKind(head: Uint8Array): ImageKind | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b)) return 'png';
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return null;
}

/** The path inside the bucket of a fileID (cloud://<env>.<bucket>/<path>), or null when it is not one. */
export function pathOfFileId(fileID: string): string | null {
  const m = /^cloud:\/\/[^/.]+\.[^/]+\/(.+)$/.exec(fileID);
  return m ? m[1] : null;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += PER_CALL) out.push(items.slice(i, i + PER_CALL));
  return out;
}

/** Temporary URLs by fileID (files that are gone are left out). A storage failure leaves the photos without URLs. */
export async function readUrls(app: CloudApp, fileIDs: string[], maxAge = READ_URL_SECONDS): Promise<Map<string, string>> {
  const unique = [...new Set(fileIDs)];
  const urls = new Map<string, string>();
  if (!unique.length) return urls;
  try {
    const answers = await Promise.all(chunks(unique).map((list) => app.getTempFileURL({ fileList: list.map((fileID) => ({ fileID, maxAge })) })));
    for (const item of answers.flatMap((a) => a.fileList ?? [])) if (item.code === 'SUCCESS') urls.set(item.fileID, item.tempFileURL);
  } catch (err) {
    console.warn('[files] temporary URLs failed', (err as Error)?.message ?? err);
  }
  return urls;
}

export interface Inspected {
  fileID: string;
  /** null: there is no such file. */
  size: number | null;
  kind: ImageKind | null;
}

/** The size and kind of each file, without fetching more than its first bytes. */
export async function inspectFiles(app: CloudApp, fileIDs: string[]): Promise<Inspected[]> {
  const urls = await readUrls(app, fileIDs, 120);
  return Promise.all(
    fileIDs.map(async (fileID): Promise<Inspected> => {
      const url = urls.get(fileID);
      if (!url) return { fileID, size: null, kind: null };
      const res = await firstBytes(url, 16);
      if (res.status !== 206 && res.status !== 200) return { fileID, size: null, kind: null };
      const total = /\/(\d+)$/.exec(res.contentRange)?.[1] ?? res.contentLength;
      return { fileID, size: total === null ? null : Number(total), kind: imageKind(res.head) };
    }),
  );
}

/** The first bytes of a URL (a ranged GET) with the headers that tell the whole size. */
function firstBytes(url: string, count: number): Promise<{ status: number; head: Uint8Array; contentRange: string; contentLength: string | null }> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const req = get(url, { headers: { range: `bytes=0-${count - 1}` }, timeout: 10000 }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        // a server that ignores the range sends the whole file: the first bytes are enough
        if (size >= count) res.destroy();
      });
      const done = () =>
        resolve({
          status: res.statusCode ?? 0,
          head: new Uint8Array(Buffer.concat(chunks).subarray(0, count)),
          contentRange: String(res.headers['content-range'] ?? ''),
          contentLength: res.headers['content-length'] ?? null,
        });
      res.on('end', done);
      res.on('close', done);
    });
    req.on('timeout', () => req.destroy(new Error('storage read timed out')));
    req.on('error', reject);
  });
}

/** Delete files (those already gone count as deleted); how many the storage removed. */
export async function removeFiles(app: CloudApp, fileIDs: string[]): Promise<number> {
  const unique = [...new Set(fileIDs)];
  if (!unique.length) return 0;
  const answers = await Promise.all(chunks(unique).map((fileList) => app.deleteFile({ fileList })));
  return answers.flatMap((a) => a.fileList ?? []).filter((f) => f.code === 'SUCCESS').length;
}

/**
 * The fileID a path of this environment's bucket has (cloud://<env>.<bucket>/<path>), from the storage's own upload
 * metadata: the function never needs to know the bucket's name.
 */
export async function fileIdPrefix(app: CloudApp, samplePath: string): Promise<string> {
  const res = await app.getUploadMetadata({ cloudPath: samplePath });
  const fileId = (res as { data?: { fileId?: string } }).data?.fileId ?? '';
  if (!fileId.endsWith(samplePath)) throw new Error(`storage answered no fileId for ${samplePath}`);
  return fileId.slice(0, fileId.length - samplePath.length);
}

/** Put bytes at a path (the local stand-in for the phone's wx.cloud.uploadFile, the demo's photos). */
export async function putFile(app: CloudApp, cloudPath: string, bytes: Buffer): Promise<string> {
  return (await app.uploadFile({ cloudPath, fileContent: bytes })).fileID;
}
