/**
 * Bad input to 成长动态: clear Chinese errors, nothing written, no file left behind in storage.
 */
import crypto from 'node:crypto';
import type { TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { count, DEMO, failure, growthSchool, ok, png, uploadAs } from './helpers';

let env: TestEmulator;
beforeAll(async () => {
  env = await growthSchool();
  await addOtherSchool(env);
}, 60000);
afterAll(() => env.stop());

const CHILD = 'demo-child-01';
const exists = async (fileID: string) => (await env.app.getTempFileURL({ fileList: [fileID] })).fileList[0].code === 'SUCCESS';
const post = (photos: string[]) => env.api(DEMO.teacher, 'posts.create', { childId: CHILD, tag: 'life', text: '今天的午饭', photos });

test('a photo that is not an image: refused, nothing written, the upload deleted', async () => {
  const [fileID] = await uploadAs(env, DEMO.teacher, { childId: CHILD }, [Buffer.from('这不是照片，是一段文字'.repeat(20))]);
  const before = await count(env, 'growthPosts');
  const res = await post([fileID]);
  expect(failure(res)).toMatchObject({ code: 'INVALID_INPUT', message: '第1张不是照片（只支持 JPG、PNG、WebP 图片）' });
  expect(await count(env, 'growthPosts')).toBe(before);
  expect(await exists(fileID)).toBe(false);
  expect(await count(env, 'growthUploads', { createdBy: DEMO.teacher, postId: null })).toBe(0);
});

test('a 30 MB photo: refused when declared, and refused and deleted when uploaded anyway', async () => {
  const big = Buffer.concat([png(1), crypto.randomBytes(30 * 1024 * 1024)]);
  const declared = await env.api(DEMO.teacher, 'files.prepare', { childId: CHILD, photos: [{ ext: 'png', size: big.length }] });
  expect(failure(declared)).toMatchObject({ code: 'INVALID_INPUT', details: [{ path: 'photos.0.size' }] });
  expect(failure(declared)?.message).toContain('每张不能超过 5 MB');
  // a phone that lies about the size: the file is looked at before the post refers to it
  const slots = await ok(env, DEMO.teacher, 'files.prepare', { childId: CHILD, photos: [{ ext: 'png', size: 1000 }] });
  const { fileID } = await env.app.uploadFile({ cloudPath: slots.uploads[0].cloudPath, fileContent: big });
  const res = await post([fileID]);
  expect(failure(res)?.message).toMatch(/^第1张照片有 30\.0 MB，每张不能超过 5 MB/);
  expect(await exists(fileID)).toBe(false);
  expect(await count(env, 'growthUploads', { _id: slots.uploads[0].uploadId })).toBe(0);
}, 30000);

test('10 photos: refused before anything is stored', async () => {
  const before = await count(env, 'growthUploads');
  const res = await env.api(DEMO.teacher, 'files.prepare', { childId: CHILD, photos: Array.from({ length: 10 }, () => ({ ext: 'jpg' as const, size: 1000 })) });
  expect(failure(res)).toMatchObject({ code: 'INVALID_INPUT', message: '输入有误：一条动态最多 9 张照片' });
  const create = await post(Array.from({ length: 10 }, (_, i) => `cloud://care-room-local.care-room-local-1300000000/growth/x${i}.jpg`));
  expect(failure(create)?.message).toContain('一条动态最多 9 张照片');
  expect(await count(env, 'growthUploads')).toBe(before);
});

test('a post for a child of another class (or school): refused, nothing written', async () => {
  const before = await count(env, 'growthPosts');
  for (const childId of ['demo-child-06', OTHER.childId]) {
    const res = await env.api(DEMO.teacher, 'posts.create', { childId, tag: 'life', text: '你好', photos: [] });
    expect(failure(res)?.code).toBe('FORBIDDEN');
    expect(failure(await env.api(DEMO.teacher, 'files.prepare', { childId, photos: [{ ext: 'png', size: 100 }] }))?.code).toBe('FORBIDDEN');
  }
  expect(failure(await env.api(DEMO.teacher, 'posts.create', { classId: 'demo-class-3-2', tag: 'life', text: '你好', photos: [] }))?.code).toBe('FORBIDDEN');
  expect(await count(env, 'growthPosts')).toBe(before);
});

test("a forged fileID of another post: refused, the other post's photo untouched", async () => {
  const [theirs] = await uploadAs(env, DEMO.teacher, { childId: CHILD }, [png(5)]);
  const first = await ok(env, DEMO.teacher, 'posts.create', { childId: CHILD, tag: 'life', text: '第一条', photos: [theirs] });
  const [mine] = await uploadAs(env, DEMO.teacher, { childId: CHILD }, [png(6)]);
  const before = await count(env, 'growthPosts');
  const res = await post([mine, theirs]);
  expect(failure(res)).toMatchObject({ code: 'INVALID_INPUT', message: '第2张照片不是为这条动态上传的，请重新选择照片', details: [{ path: 'photos.1' }] });
  expect(await count(env, 'growthPosts')).toBe(before);
  expect(await exists(theirs)).toBe(true);
  expect(await exists(mine)).toBe(false);
  // a photo uploaded for another child's post cannot move to this one either; made-up ids are refused the same way
  const [forTheOther] = await uploadAs(env, DEMO.teacher, { childId: 'demo-child-02' }, [png(7)]);
  expect(failure(await post([forTheOther]))?.message).toBe('第1张照片不是为这条动态上传的，请重新选择照片');
  expect(failure(await post(['cloud://care-room-local.care-room-local-1300000000/growth/aaaaaaaaaaaaaaaaaaaaaaaa.png']))?.code).toBe('INVALID_INPUT');
  expect(failure(await post(['../../etc/passwd']))?.code).toBe('INVALID_INPUT');
  // someone else's upload slot is not theirs to fill
  const other = await env.api(OTHER.teacher, 'files.upload', { uploadId: first.postId, data: png(1).toString('base64') });
  expect(failure(other)?.code).toBe('FORBIDDEN');
});

test('the same post sent five times at once is stored once', async () => {
  const fileIDs = await uploadAs(env, DEMO.teacher, { childId: CHILD }, [png(8)]);
  const before = await count(env, 'growthPosts');
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => env.api(DEMO.teacher, 'posts.create', { childId: CHILD, tag: 'honor', text: '获得了小红花', photos: fileIDs })),
  );
  expect(answers.filter((a) => a.ok)).toHaveLength(1);
  for (const a of answers.filter((x) => !x.ok)) expect(['CONFLICT', 'INVALID_INPUT']).toContain(failure(a)?.code);
  expect(await count(env, 'growthPosts')).toBe(before + 1);
  expect(await exists(fileIDs[0])).toBe(true);
});

test('the local upload takes only images, into the caller’s own free slot', async () => {
  const slots = await ok(env, DEMO.teacher, 'files.prepare', { childId: CHILD, photos: [{ ext: 'png', size: 100 }] });
  const uploadId = slots.uploads[0].uploadId;
  expect(failure(await env.api(DEMO.teacher, 'files.upload', { uploadId, data: Buffer.from('hello').toString('base64') }))?.message).toContain('这不是照片');
  expect(failure(await env.api(DEMO.parent, 'files.upload', { uploadId, data: png(1).toString('base64') }))?.code).toBe('FORBIDDEN');
  const { fileID } = await ok(env, DEMO.teacher, 'files.upload', { uploadId, data: png(2).toString('base64') });
  expect(await exists(fileID)).toBe(true);
});

test('replies: empty, too long, or to a post of a child the caller cannot see', async () => {
  const { postId } = await ok(env, DEMO.teacher, 'posts.create', { childId: CHILD, tag: 'life', text: '一起读书', photos: [] });
  expect(failure(await env.api(DEMO.parent, 'replies.create', { postId, childId: CHILD, text: '   ' }))?.message).toBe('输入有误：请填写留言');
  expect(failure(await env.api(DEMO.parent, 'replies.create', { postId, childId: CHILD, text: '好'.repeat(301) }))?.message).toContain('不能超过 300 个字');
  // the guardian of 周子墨 names their own child, but the post is about 林小禾
  expect(failure(await env.api(DEMO.guardian, 'replies.create', { postId, childId: 'demo-child-02', text: '谢谢' }))?.code).toBe('FORBIDDEN');
  expect(await count(env, 'growthReplies', { postId })).toBe(0);
});
