/**
 * Spreadsheets in and out of the phone: reading a chosen .xlsx as base64 and uploading it in chunks (the api event is
 * limited to 256 KB), and saving an exported .xlsx (fetched in chunks) to open it with the system viewer.
 */
import { call } from '../../../services/api';
import { openExport } from '../../../services/download';

/** Characters per upload chunk (the server accepts at most 200,000). */
export const UPLOAD_CHUNK = 200_000;

export interface PickedFile {
  name: string;
  path: string;
  size: number;
}

/** Let the user pick an .xlsx from a WeChat chat (where schools' sheets usually are). null when cancelled. */
export function pickSpreadsheet(): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    wx.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: ['xlsx'],
      success: (res) => {
        const f = res.tempFiles[0];
        resolve(f ? { name: f.name, path: f.path, size: f.size } : null);
      },
      fail: (err) => (/cancel/.test(err.errMsg) ? resolve(null) : reject(new Error(err.errMsg))),
    });
  });
}

export function readBase64(path: string): string {
  return wx.getFileSystemManager().readFileSync(path, 'base64') as string;
}

/** Upload the file in chunks; onProgress(sent, total) after each. Resolves with the upload id. */
export async function uploadSpreadsheet(
  scope: { schoolId: string; classId?: string },
  fileName: string,
  base64: string,
  onProgress?: (sent: number, total: number) => void,
): Promise<string> {
  const total = Math.max(1, Math.ceil(base64.length / UPLOAD_CHUNK));
  let uploadId: string | undefined;
  for (let seq = 0; seq < total; seq++) {
    const data = base64.slice(seq * UPLOAD_CHUNK, (seq + 1) * UPLOAD_CHUNK);
    const res = await call('imports.upload', { ...scope, uploadId, fileName, seq, total, data });
    uploadId = res.uploadId;
    onProgress?.(seq + 1, total);
  }
  return uploadId as string;
}

/** Export, fetch the remaining chunks, save to the user data folder and open it (the user can forward it from there). */
export async function exportAndOpen(
  input: { classId: string; kind: 'archive' | 'registration' } | { schoolId: string; kind: 'archive' | 'registration' },
): Promise<{ fileName: string; rows: number }> {
  return openExport(await call('archive.export', input));
}
