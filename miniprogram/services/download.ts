/**
 * An export (archive.export, assistance.export) onto the phone: fetch its remaining chunks, save the .xlsx in the
 * user data folder and open it with the system viewer, from where it can be forwarded.
 */
import type { ExportOutput } from '../../typings/actions/archive';
import { call } from './api';

export async function openExport(first: ExportOutput): Promise<{ fileName: string; rows: number }> {
  const parts = [first.data];
  for (let seq = 1; seq < first.chunks; seq++) parts.push((await call('exports.chunk', { exportId: first.exportId as string, seq })).data);
  const filePath = `${wx.env.USER_DATA_PATH}/${first.fileName}`;
  wx.getFileSystemManager().writeFileSync(filePath, parts.join(''), 'base64');
  await new Promise<void>((resolve, reject) =>
    wx.openDocument({ filePath, fileType: 'xlsx', showMenu: true, success: () => resolve(), fail: (err) => reject(new Error(err.errMsg)) }),
  );
  return { fileName: first.fileName, rows: first.rows };
}
