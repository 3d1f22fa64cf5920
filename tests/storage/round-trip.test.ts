/**
 * Cloud storage in the emulator, through the real @cloudbase/node-sdk: what it sends (emulator/storage/wire-capture.json)
 * and what it accepts back, end to end.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startEmulator, type TestEmulator } from '../helpers/emulator';

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator();
});
afterAll(() => env.stop());

const bytes = () => crypto.randomBytes(50_000);

test('upload, temporary URL, download the same bytes, delete: the file is gone and its URL with it', async () => {
  const content = bytes();
  const { fileID } = await env.app.uploadFile({ cloudPath: 'growth/round-trip.png', fileContent: content });
  expect(fileID).toBe('cloud://care-room-local.care-room-local-1300000000/growth/round-trip.png');
  expect(fs.readFileSync(path.join(env.dataDir, 'storage', 'care-room-local-1300000000', 'growth', 'round-trip.png'))).toEqual(content);

  const urls = await env.app.getTempFileURL({ fileList: [{ fileID, maxAge: 120 }] });
  expect(urls.fileList[0]).toMatchObject({ code: 'SUCCESS', fileID });
  const res = await fetch(urls.fileList[0].tempFileURL);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await res.arrayBuffer())).toEqual(content);

  const downloaded = await env.app.downloadFile({ fileID });
  expect(Buffer.compare(downloaded.fileContent as Buffer, content)).toBe(0);

  const removed = await env.app.deleteFile({ fileList: [fileID] });
  expect(removed.fileList).toEqual([{ code: 'SUCCESS', fileID }]);
  expect((await fetch(urls.fileList[0].tempFileURL)).status).toBe(404);
  const again = await env.app.getTempFileURL({ fileList: [fileID] });
  expect(again.fileList[0]).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' });
  await expect(env.app.downloadFile({ fileID })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  expect((await env.app.deleteFile({ fileList: [fileID] })).fileList[0].code).toBe('STORAGE_FILE_NONEXIST');
});

test('a temporary URL expires, and one with its sign or time changed is refused', async () => {
  const { fileID } = await env.app.uploadFile({ cloudPath: 'growth/expiring.jpg', fileContent: bytes() });
  const [short] = (await env.app.getTempFileURL({ fileList: [{ fileID, maxAge: 1 }] })).fileList;
  expect((await fetch(short.tempFileURL)).status).toBe(200);
  const url = new URL(short.tempFileURL);
  url.searchParams.set('t', String(Number(url.searchParams.get('t')) + 3600));
  const stretched = await fetch(url);
  expect(stretched.status).toBe(403);
  expect(await stretched.text()).toContain('<Code>AccessDenied</Code>');
  const other = new URL(short.tempFileURL.replace('expiring.jpg', 'other.jpg'));
  expect((await fetch(other)).status).toBe(403);
  await new Promise((resolve) => setTimeout(resolve, 2100));
  const expired = await fetch(short.tempFileURL);
  expect(expired.status).toBe(403);
  expect(await expired.text()).toContain('Request has expired');
});

test('a ranged read gives the first bytes and the whole size (how the functions look at a photo without fetching it)', async () => {
  const content = bytes();
  const { fileID } = await env.app.uploadFile({ cloudPath: 'growth/ranged.png', fileContent: content });
  const [item] = (await env.app.getTempFileURL({ fileList: [fileID] })).fileList;
  const res = await fetch(item.tempFileURL, { headers: { range: 'bytes=0-15' } });
  expect(res.status).toBe(206);
  expect(res.headers.get('content-range')).toBe(`bytes 0-15/${content.length}`);
  expect(Buffer.from(await res.arrayBuffer())).toEqual(content.subarray(0, 16));
  const head = await fetch(item.tempFileURL, { method: 'HEAD' });
  expect(head.headers.get('content-length')).toBe(String(content.length));
});

test('an upload needs the authorization the metadata answer gave, for that very path', async () => {
  const url = `${env.url}/storage/care-room-local-1300000000/growth/forged.png`;
  const unsigned = await fetch(url, { method: 'PUT', body: 'x' });
  expect(unsigned.status).toBe(403);
  const forged = await fetch(url, { method: 'PUT', body: 'x', headers: { authorization: `q-sign-time=1;99999999999&q-signature=${'a'.repeat(64)}` } });
  expect(forged.status).toBe(403);
  expect(await forged.text()).toContain('SignatureDoesNotMatch');
  expect(fs.existsSync(path.join(env.dataDir, 'storage', 'care-room-local-1300000000', 'growth', 'forged.png'))).toBe(false);
});

test('paths that climb out of the bucket, foreign environments and unsigned storage requests are refused', async () => {
  await expect(env.app.uploadFile({ cloudPath: '../escape.png', fileContent: bytes() })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  await expect(env.app.uploadFile({ cloudPath: 'growth/../../x.png', fileContent: bytes() })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  const { fileID } = await env.app.uploadFile({ cloudPath: 'growth/mine.png', fileContent: bytes() });
  const elsewhere = fileID.replace('care-room-local.', 'someone-else.');
  expect((await env.app.getTempFileURL({ fileList: [elsewhere] })).fileList[0].code).toBe('STORAGE_FILE_NONEXIST');
  const stranger = tcb.init({ env: 'care-room-local', serviceUrl: `${env.url}/admin`, secretId: 'local', secretKey: 'wrong', timeout: 10000 });
  await expect(stranger.getTempFileURL({ fileList: [fileID] })).rejects.toMatchObject({ code: 'SIGN_PARAM_INVALID' });
  await expect(stranger.deleteFile({ fileList: [fileID] })).rejects.toMatchObject({ code: 'SIGN_PARAM_INVALID' });
  expect((await env.app.getTempFileURL({ fileList: [fileID] })).fileList[0].code).toBe('SUCCESS');
});

test('files outlive a restart of the emulator', async () => {
  const content = bytes();
  const { fileID } = await env.app.uploadFile({ cloudPath: 'growth/kept.webp', fileContent: content });
  await env.restart();
  const downloaded = await env.app.downloadFile({ fileID });
  expect(Buffer.compare(downloaded.fileContent as Buffer, content)).toBe(0);
});

test('the deploy plan declares the storage rule: no client reads a file, a phone writes only its own uploads under growth/', async () => {
  const { STORAGE_RULE, formatPlan, buildPlan, readSources } = await import('../../scripts/deploy');
  expect(STORAGE_RULE.read).toBe(false);
  expect(STORAGE_RULE.write).toContain('resource.openid == auth.openid');
  const path = /\/\^(.+)\$\/\.test/.exec(STORAGE_RULE.write)![1].replace(/\\\\/g, '\\');
  const allowed = new RegExp(`^${path}$`);
  expect(['growth/abc123.jpg', 'growth/x_y-1.png'].every((p) => allowed.test(p))).toBe(true);
  expect(['growth/../x.jpg', 'other/a.jpg', 'growth/a/b.jpg', 'growth/a.exe'].some((p) => allowed.test(p))).toBe(false);
  const printed = formatPlan(buildPlan(readSources(process.cwd())), 'dry-run');
  expect(printed).toContain('云存储安全规则');
  expect(printed).toContain('"read":false');
});
