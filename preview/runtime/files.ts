/**
 * Files on the "phone": what chooseMedia / chooseMessageFile pick (a file input), what writeFile saves, as temporary
 * paths (wxfile://tmp_1.jpg) whose bytes stay in memory; <image src> and uploadFile read them from there.
 */
import { WxFail } from './callback';

export const USER_DATA_PATH = 'wxfile://usr';

interface Stored {
  bytes: Uint8Array;
  type: string;
  name: string;
  url?: string;
}

const files = new Map<string, Stored>();
let seq = 0;

export function saveTemp(bytes: Uint8Array, type: string, name: string): string {
  const ext = (/\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? type.split('/')[1] ?? 'bin').toLowerCase();
  const path = `wxfile://tmp_${++seq}.${ext}`;
  files.set(path, { bytes, type, name });
  return path;
}

export function fileOf(path: string): Stored {
  const f = files.get(path);
  if (!f) throw new WxFail(`no such file or directory, open "${path}"`);
  return f;
}

/** A URL the browser can load for a wxfile:// path (other URLs as they are). */
export function fileUrl(path: string): string {
  const f = files.get(path);
  if (!f) return path;
  f.url ??= URL.createObjectURL(new Blob([f.bytes as BlobPart], { type: f.type }));
  return f.url;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function encode(data: unknown, encoding?: string): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer);
  const text = String(data);
  if (encoding === 'base64') return fromBase64(text);
  return new TextEncoder().encode(text);
}

function decode(bytes: Uint8Array, encoding?: string): string | ArrayBuffer {
  if (!encoding || encoding === 'binary') return bytes.slice().buffer;
  if (encoding === 'base64') return toBase64(bytes);
  return new TextDecoder().decode(bytes);
}

/** wx.getFileSystemManager(): the sync and async file calls the app uses. */
export function fileSystemManager(unshimmed: (name: string) => never): Record<string, unknown> {
  const fsm: Record<string, unknown> = {
    readFileSync: (path: string, encoding?: string) => decode(fileOf(path).bytes, encoding),
    writeFileSync: (path: string, data: unknown, encoding?: string) =>
      void files.set(path, { bytes: encode(data, encoding), type: 'application/octet-stream', name: path.split('/').pop() ?? 'file' }),
    accessSync: (path: string) => void fileOf(path),
    unlinkSync: (path: string) => void files.delete(path),
    readFile: (o: { filePath: string; encoding?: string; success?: (r: unknown) => void; fail?: (e: unknown) => void }) =>
      setTimeout(() => {
        try {
          o.success?.({ data: decode(fileOf(o.filePath).bytes, o.encoding), errMsg: 'readFile:ok' });
        } catch (err) {
          o.fail?.({ errMsg: `readFile:fail ${(err as Error).message}` });
        }
      }, 0),
    writeFile: (o: { filePath: string; data: unknown; encoding?: string; success?: (r: unknown) => void }) =>
      setTimeout(() => {
        files.set(o.filePath, {
          bytes: encode(o.data, o.encoding),
          type: 'application/octet-stream',
          name: o.filePath.split('/').pop() ?? 'file',
        });
        o.success?.({ errMsg: 'writeFile:ok' });
      }, 0),
  };
  return new Proxy(fsm, {
    get: (target, name) => (name in target ? target[name as string] : typeof name === 'string' ? () => unshimmed(`getFileSystemManager().${name}`) : undefined),
  });
}

/** Pick files with the browser's file chooser. Resolves [] when the person closes it without choosing. */
export function pickFiles(accept: string, multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.className = 'pv-file-input';
    input.addEventListener('change', () => {
      resolve([...(input.files ?? [])]);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

export async function saveFile(file: File): Promise<string> {
  return saveTemp(new Uint8Array(await file.arrayBuffer()), file.type || 'application/octet-stream', file.name);
}

/** Open a saved document the way a browser can: download it. */
export function download(path: string): void {
  const f = fileOf(path);
  const a = document.createElement('a');
  a.href = fileUrl(path);
  a.download = f.name;
  a.click();
}
